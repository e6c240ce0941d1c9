<?php // expect: CWE-22
$v = $_GET['q'];
$d = ['k' => $v, 'o' => 'x'];
$item = $d['k'];
$q = '/var/www/uploads/' . $item;
$data = file_get_contents($q);
