<?php // expect: CWE-89
$v = $argv[1];
$q = "SELECT * FROM users WHERE name = '" . $v . "'";
$result = mysqli_query($conn, $q);
