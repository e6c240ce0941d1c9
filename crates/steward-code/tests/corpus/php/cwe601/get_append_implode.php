<?php // expect: CWE-601
$v = $_GET['q'];
$parts = [];
$parts[] = $v;
$item = implode(',', $parts);
$q = $item;
header('Location: ' . $q);
exit;
