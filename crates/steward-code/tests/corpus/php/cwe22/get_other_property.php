<?php // expect: safe CWE-22
$v = $_GET['q'];
$box = new stdClass();
$box->user = $v;
$box->role = 'admin';
$item = $box->role;
$q = '/var/www/uploads/' . $item;
$data = file_get_contents($q);
