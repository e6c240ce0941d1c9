<?php // expect: safe CWE-601
$v = $_GET['q'];
$item = $v === 'admin' ? 'yes' : 'no';
$q = $item;
header('Location: ' . $q);
exit;
