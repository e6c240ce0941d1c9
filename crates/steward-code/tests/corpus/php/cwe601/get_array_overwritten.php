<?php // expect: safe CWE-601
$v = $_GET['q'];
$d = ['k' => $v];
$d['k'] = 'admin';
$item = $d['k'];
$q = $item;
header('Location: ' . $q);
exit;
