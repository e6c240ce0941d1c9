<?php // expect: CWE-78
$v = $argv[1];
$q = "ping -c 1 " . $v;
system($q);
