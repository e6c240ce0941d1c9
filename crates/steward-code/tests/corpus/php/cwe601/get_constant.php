<?php // expect: safe CWE-601
$v = $_GET['q'];
$item = 'admin';
$q = $item;
header('Location: ' . $q);
exit;
