<?php // expect: CWE-502
$v = $_GET['q'];
$d = ['k' => $v, 'o' => 'x'];
$item = $d['k'];
$q = $item;
$obj = unserialize($q);
