<?php // expect: CWE-78
$v = $_GET['q'];
[$first, $second] = [$v, 'x'];
$q = "ping -c 1 " . $first;
system($q);
