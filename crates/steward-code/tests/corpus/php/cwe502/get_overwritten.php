<?php // expect: safe CWE-502
$v = $_GET['q'];
$item = $v;
$item = 'admin';
$q = $item;
$obj = unserialize($q);
