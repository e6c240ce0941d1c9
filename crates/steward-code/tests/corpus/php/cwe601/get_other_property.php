<?php // expect: safe CWE-601
$v = $_GET['q'];
$box = new stdClass();
$box->user = $v;
$box->role = 'admin';
$item = $box->role;
$q = $item;
header('Location: ' . $q);
exit;
