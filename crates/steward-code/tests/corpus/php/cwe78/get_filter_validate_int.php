<?php // expect: safe CWE-78
$v = $_GET['q'];
$item = filter_var($v, FILTER_VALIDATE_INT);
$q = "ping -c 1 " . $item;
system($q);
