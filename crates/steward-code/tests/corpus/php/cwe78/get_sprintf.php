<?php // expect: CWE-78
$v = $_GET['q'];
$q = sprintf('ping -c 1 %s', $v);
system($q);
