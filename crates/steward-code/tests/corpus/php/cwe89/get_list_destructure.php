<?php // expect: CWE-89
$v = $_GET['q'];
[$first, $second] = [$v, 'x'];
$q = "SELECT * FROM users WHERE name = '" . $first . "'";
$result = mysqli_query($conn, $q);
