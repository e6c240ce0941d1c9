<?php // expect: safe CWE-502
$v = $_GET['q'];
$item = 'admin';
$q = $item;
$obj = unserialize($q);
