<?php // expect: CWE-89
$v = $_GET['q'];
$q = "SELECT * FROM users WHERE name = '" . $v . "'";
$res = pg_query($db, $q);
