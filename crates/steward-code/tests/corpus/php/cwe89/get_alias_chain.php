<?php // expect: CWE-89
$v = $_GET['q'];
$a = $v;
$b = $a;
$q = "SELECT * FROM users WHERE name = '" . $b . "'";
$result = mysqli_query($conn, $q);
