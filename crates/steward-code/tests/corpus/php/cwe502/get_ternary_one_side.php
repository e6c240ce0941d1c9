<?php // expect: CWE-502
$v = $_GET['q'];
$item = strlen($v) > 3 ? $v : 'short';
$q = $item;
$obj = unserialize($q);
