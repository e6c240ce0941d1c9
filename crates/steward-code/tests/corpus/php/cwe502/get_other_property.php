<?php // expect: safe CWE-502
$v = $_GET['q'];
$box = new stdClass();
$box->user = $v;
$box->role = 'admin';
$item = $box->role;
$q = $item;
$obj = unserialize($q);
