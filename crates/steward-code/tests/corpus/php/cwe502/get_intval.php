<?php // expect: safe CWE-502
$v = $_GET['q'];
$item = intval($v);
$q = $item;
$obj = unserialize($q);
