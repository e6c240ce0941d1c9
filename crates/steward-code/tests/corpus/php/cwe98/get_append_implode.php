<?php // expect: CWE-98
$v = $_GET['q'];
$parts = [];
$parts[] = $v;
$item = implode(',', $parts);
$q = 'pages/' . $item . '.php';
include $q;
