<?php // expect: safe CWE-22
$v = $_GET['q'];
$d = ['k' => $v];
$d['k'] = 'admin';
$item = $d['k'];
$q = '/var/www/uploads/' . $item;
$data = file_get_contents($q);
