<?php // expect: CWE-78
$v = $_SERVER['HTTP_X_ITEM'];
$q = "ping -c 1 " . $v;
system($q);
