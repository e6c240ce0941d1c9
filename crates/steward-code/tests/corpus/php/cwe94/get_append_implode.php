<?php // expect: CWE-94
$v = $_GET['q'];
$parts = [];
$parts[] = $v;
$item = implode(',', $parts);
$q = 'return ' . $item . ';';
$result = eval($q);
