<?php // expect: CWE-78
$v = getenv('TARGET');
$q = "ping -c 1 " . $v;
system($q);
