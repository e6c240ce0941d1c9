<?php // expect: safe CWE-89
$v = $_GET['q'];
$item = (string) strlen($v);
$q = "SELECT * FROM users WHERE name = '" . $item . "'";
$result = mysqli_query($conn, $q);
