<?php // expect: CWE-89
$v = $_GET['q'];
$q = <<<SQL
SELECT * FROM users WHERE name = '{$v}'
SQL;
$result = mysqli_query($conn, $q);
