<?php // expect: safe CWE-78
$v = $_GET['q'];
$item = $v;
$item = 'admin';
$q = "ping -c 1 " . $item;
system($q);
