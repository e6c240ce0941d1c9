<?php // expect: CWE-78
$v = $_GET['q'];
$a = $v;
$b = $a;
$q = "ping -c 1 " . $b;
system($q);
