<?php // expect: safe CWE-601
$v = $_GET['q'];
$item = (int) $v;
$q = $item;
header('Location: ' . $q);
exit;
