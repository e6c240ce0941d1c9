<?php // expect: safe CWE-94
$v = $_GET['q'];
$parts = [];
$parts[] = $v;
$parts[0] = 'admin';
$item = $parts[0];
$q = 'return ' . $item . ';';
$result = eval($q);
