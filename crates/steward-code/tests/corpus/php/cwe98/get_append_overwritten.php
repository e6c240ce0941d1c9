<?php // expect: safe CWE-98
$v = $_GET['q'];
$parts = [];
$parts[] = $v;
$parts[0] = 'admin';
$item = $parts[0];
$q = 'pages/' . $item . '.php';
include $q;
