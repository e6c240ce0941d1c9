<?php // expect: CWE-78
$v = $_GET['q'] ?? 'default';
$q = "ping -c 1 " . $v;
system($q);
