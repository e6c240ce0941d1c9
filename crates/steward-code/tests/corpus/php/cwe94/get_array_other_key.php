<?php // expect: safe CWE-94
$v = $_GET['q'];
$d = ['k' => $v, 'fixed' => 'admin'];
$item = $d['fixed'];
$q = 'return ' . $item . ';';
$result = eval($q);
