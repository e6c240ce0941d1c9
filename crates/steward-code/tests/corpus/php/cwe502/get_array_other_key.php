<?php // expect: safe CWE-502
$v = $_GET['q'];
$d = ['k' => $v, 'fixed' => 'admin'];
$item = $d['fixed'];
$q = $item;
$obj = unserialize($q);
