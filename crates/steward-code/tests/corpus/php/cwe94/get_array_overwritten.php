<?php // expect: safe CWE-94
$v = $_GET['q'];
$d = ['k' => $v];
$d['k'] = 'admin';
$item = $d['k'];
$q = 'return ' . $item . ';';
$result = eval($q);
