<?php // expect: CWE-78
$v = $_GET['q'];
$parts = [];
$parts[] = $v;
$item = implode(',', $parts);
$q = "ping -c 1 " . $item;
system($q);
