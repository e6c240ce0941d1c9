<?php // expect: CWE-98
$v = getenv('TARGET');
$q = 'pages/' . $v . '.php';
include $q;
