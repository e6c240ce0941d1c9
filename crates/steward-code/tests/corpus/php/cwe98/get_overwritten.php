<?php // expect: safe CWE-98
$v = $_GET['q'];
$item = $v;
$item = 'admin';
$q = 'pages/' . $item . '.php';
include $q;
