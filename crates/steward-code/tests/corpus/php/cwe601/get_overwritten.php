<?php // expect: safe CWE-601
$v = $_GET['q'];
$item = $v;
$item = 'admin';
$q = $item;
header('Location: ' . $q);
exit;
