<?php // expect: CWE-502
$v = $_GET['q'];
$parts = [];
$parts[] = $v;
$item = implode(',', $parts);
$q = $item;
$obj = unserialize($q);
