<?php // expect: CWE-89
$v = getenv('TARGET');
$q = "SELECT * FROM users WHERE name = '" . $v . "'";
$result = mysqli_query($conn, $q);
