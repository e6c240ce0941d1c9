<?php // expect: CWE-601
$v = $_GET['q'];
$d = ['k' => $v, 'o' => 'x'];
$item = $d['k'];
$q = $item;
header('Location: ' . $q);
exit;
