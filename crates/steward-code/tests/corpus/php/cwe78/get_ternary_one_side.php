<?php // expect: CWE-78
$v = $_GET['q'];
$item = strlen($v) > 3 ? $v : 'short';
$q = "ping -c 1 " . $item;
system($q);
