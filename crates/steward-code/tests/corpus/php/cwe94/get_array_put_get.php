<?php // expect: CWE-94
$v = $_GET['q'];
$d = [];
$d['k'] = $v;
$item = $d['k'];
$q = 'return ' . $item . ';';
$result = eval($q);
