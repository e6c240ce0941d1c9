<?php // expect: CWE-89
$v = $_GET['q'] ?? 'default';
$q = "SELECT * FROM users WHERE name = '" . $v . "'";
$result = mysqli_query($conn, $q);
