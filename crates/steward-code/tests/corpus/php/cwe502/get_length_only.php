<?php // expect: safe CWE-502
$v = $_GET['q'];
$item = (string) strlen($v);
$q = $item;
$obj = unserialize($q);
