<?php // expect: CWE-78
$v = $_GET['q'];
$box = new stdClass();
$box->item = $v;
$q = "ping -c 1 " . $box->item;
system($q);
