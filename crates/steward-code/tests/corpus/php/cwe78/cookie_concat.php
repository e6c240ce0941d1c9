<?php // expect: CWE-78
$v = $_COOKIE['pref'];
$q = "ping -c 1 " . $v;
system($q);
