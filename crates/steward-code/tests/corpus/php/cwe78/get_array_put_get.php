<?php // expect: CWE-78
$v = $_GET['q'];
$d = [];
$d['k'] = $v;
$item = $d['k'];
$q = "ping -c 1 " . $item;
system($q);
