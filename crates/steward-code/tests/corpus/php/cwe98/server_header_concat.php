<?php // expect: CWE-98
$v = $_SERVER['HTTP_X_ITEM'];
$q = 'pages/' . $v . '.php';
include $q;
