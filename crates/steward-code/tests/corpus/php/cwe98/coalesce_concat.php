<?php // expect: CWE-98
$v = $_GET['q'] ?? 'default';
$q = 'pages/' . $v . '.php';
include $q;
