<?php // expect: safe CWE-78
$v = $_GET['q'];
$d = ['k' => $v];
$d['k'] = 'admin';
$item = $d['k'];
$q = "ping -c 1 " . $item;
system($q);
