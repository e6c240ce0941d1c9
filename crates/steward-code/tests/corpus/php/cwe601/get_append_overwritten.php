<?php // expect: safe CWE-601
$v = $_GET['q'];
$parts = [];
$parts[] = $v;
$parts[0] = 'admin';
$item = $parts[0];
$q = $item;
header('Location: ' . $q);
exit;
