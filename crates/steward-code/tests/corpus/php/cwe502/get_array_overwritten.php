<?php // expect: safe CWE-502
$v = $_GET['q'];
$d = ['k' => $v];
$d['k'] = 'admin';
$item = $d['k'];
$q = $item;
$obj = unserialize($q);
