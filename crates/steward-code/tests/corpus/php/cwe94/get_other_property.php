<?php // expect: safe CWE-94
$v = $_GET['q'];
$box = new stdClass();
$box->user = $v;
$box->role = 'admin';
$item = $box->role;
$q = 'return ' . $item . ';';
$result = eval($q);
