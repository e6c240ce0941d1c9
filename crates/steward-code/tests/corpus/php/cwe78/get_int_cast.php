<?php // expect: safe CWE-78
$v = $_GET['q'];
$item = (int) $v;
$q = "ping -c 1 " . $item;
system($q);
