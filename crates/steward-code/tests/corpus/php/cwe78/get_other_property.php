<?php // expect: safe CWE-78
$v = $_GET['q'];
$box = new stdClass();
$box->user = $v;
$box->role = 'admin';
$item = $box->role;
$q = "ping -c 1 " . $item;
system($q);
