<?php // expect: safe CWE-502
$v = $_GET['q'];
$parts = [];
$parts[] = $v;
$parts[0] = 'admin';
$item = $parts[0];
$q = $item;
$obj = unserialize($q);
