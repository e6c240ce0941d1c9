<?php // expect: CWE-94
$v = $_GET['q'];
$d = ['k' => $v, 'o' => 'x'];
$item = $d['k'];
$q = 'return ' . $item . ';';
$result = eval($q);
