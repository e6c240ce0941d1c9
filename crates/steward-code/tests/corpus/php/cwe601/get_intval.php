<?php // expect: safe CWE-601
$v = $_GET['q'];
$item = intval($v);
$q = $item;
header('Location: ' . $q);
exit;
