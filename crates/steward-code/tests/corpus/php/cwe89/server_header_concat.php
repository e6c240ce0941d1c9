<?php // expect: CWE-89
$v = $_SERVER['HTTP_X_ITEM'];
$q = "SELECT * FROM users WHERE name = '" . $v . "'";
$result = mysqli_query($conn, $q);
