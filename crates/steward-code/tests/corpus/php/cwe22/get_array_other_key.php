<?php // expect: safe CWE-22
$v = $_GET['q'];
$d = ['k' => $v, 'fixed' => 'admin'];
$item = $d['fixed'];
$q = '/var/www/uploads/' . $item;
$data = file_get_contents($q);
