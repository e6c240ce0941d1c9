<?php // expect: CWE-78
$v = file_get_contents('php://input');
$q = "ping -c 1 " . $v;
system($q);
