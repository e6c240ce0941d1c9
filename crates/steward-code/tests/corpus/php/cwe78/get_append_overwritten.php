<?php // expect: safe CWE-78
$v = $_GET['q'];
$parts = [];
$parts[] = $v;
$parts[0] = 'admin';
$item = $parts[0];
$q = "ping -c 1 " . $item;
system($q);
