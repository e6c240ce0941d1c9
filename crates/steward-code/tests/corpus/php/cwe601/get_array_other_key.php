<?php // expect: safe CWE-601
$v = $_GET['q'];
$d = ['k' => $v, 'fixed' => 'admin'];
$item = $d['fixed'];
$q = $item;
header('Location: ' . $q);
exit;
