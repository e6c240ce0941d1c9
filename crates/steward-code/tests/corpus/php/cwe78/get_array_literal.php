<?php // expect: CWE-78
$v = $_GET['q'];
$d = ['k' => $v, 'o' => 'x'];
$item = $d['k'];
$q = "ping -c 1 " . $item;
system($q);
