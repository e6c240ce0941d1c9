<?php // expect: CWE-601
$v = $_GET['q'];
$item = strlen($v) > 3 ? $v : 'short';
$q = $item;
header('Location: ' . $q);
exit;
