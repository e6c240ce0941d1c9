<?php // expect: CWE-78
$v = $_REQUEST['q'];
$q = "ping -c 1 " . $v;
system($q);
