<?php // expect: CWE-98
$v = $argv[1];
$q = 'pages/' . $v . '.php';
include $q;
