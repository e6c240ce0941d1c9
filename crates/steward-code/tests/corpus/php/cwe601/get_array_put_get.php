<?php // expect: CWE-601
$v = $_GET['q'];
$d = [];
$d['k'] = $v;
$item = $d['k'];
$q = $item;
header('Location: ' . $q);
exit;
