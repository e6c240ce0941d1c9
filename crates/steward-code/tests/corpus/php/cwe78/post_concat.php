<?php // expect: CWE-78
$v = $_POST['q'];
$q = "ping -c 1 " . $v;
system($q);
