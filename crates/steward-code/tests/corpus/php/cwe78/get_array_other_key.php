<?php // expect: safe CWE-78
$v = $_GET['q'];
$d = ['k' => $v, 'fixed' => 'admin'];
$item = $d['fixed'];
$q = "ping -c 1 " . $item;
system($q);
