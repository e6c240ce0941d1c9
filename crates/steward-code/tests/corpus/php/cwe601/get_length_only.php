<?php // expect: safe CWE-601
$v = $_GET['q'];
$item = (string) strlen($v);
$q = $item;
header('Location: ' . $q);
exit;
