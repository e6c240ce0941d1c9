<?php // expect: safe CWE-98
$v = $_GET['q'];
$item = intval($v);
$q = 'pages/' . $item . '.php';
include $q;
