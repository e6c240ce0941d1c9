<?php // expect: CWE-89
$v = $_GET['q'];
$q = sprintf("SELECT * FROM users WHERE name = '%s'", $v);
$result = mysqli_query($conn, $q);
