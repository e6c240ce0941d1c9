<?php // expect: safe CWE-22
$v = $_GET['q'];
$item = $v;
$item = 'admin';
$q = '/var/www/uploads/' . $item;
$data = file_get_contents($q);
