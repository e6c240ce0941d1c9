<?php // expect: CWE-89
$v = file_get_contents('php://input');
$q = "SELECT * FROM users WHERE name = '" . $v . "'";
$result = mysqli_query($conn, $q);
