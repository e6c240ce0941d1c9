<?php // expect: safe CWE-502
$v = $_GET['q'];
$item = $v === 'admin' ? 'yes' : 'no';
$q = $item;
$obj = unserialize($q);
