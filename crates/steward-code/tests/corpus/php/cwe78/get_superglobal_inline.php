<?php // expect: CWE-78
$v = $_GET['q'];
$q = "ping -c 1 " . $_GET['q'];
system($q);
