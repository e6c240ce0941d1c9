<?php // expect: safe CWE-22
$v = $_GET['q'];
$parts = [];
$parts[] = $v;
$parts[0] = 'admin';
$item = $parts[0];
$q = '/var/www/uploads/' . $item;
$data = file_get_contents($q);
