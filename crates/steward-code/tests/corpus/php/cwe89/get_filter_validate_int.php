<?php // expect: safe CWE-89
$v = $_GET['q'];
$item = filter_var($v, FILTER_VALIDATE_INT);
$q = "SELECT * FROM users WHERE name = '" . $item . "'";
$result = mysqli_query($conn, $q);
