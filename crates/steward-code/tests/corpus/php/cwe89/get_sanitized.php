<?php // expect: safe CWE-89
$v = $_GET['q'];
$item = mysqli_real_escape_string($conn, $v);
$q = "SELECT * FROM users WHERE name = '" . $item . "'";
$result = mysqli_query($conn, $q);
