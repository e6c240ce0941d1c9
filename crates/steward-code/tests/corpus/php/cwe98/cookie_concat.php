<?php // expect: CWE-98
$v = $_COOKIE['pref'];
$q = 'pages/' . $v . '.php';
include $q;
