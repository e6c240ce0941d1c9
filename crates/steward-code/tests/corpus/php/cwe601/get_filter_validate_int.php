<?php // expect: safe CWE-601
$v = $_GET['q'];
$item = filter_var($v, FILTER_VALIDATE_INT);
$q = $item;
header('Location: ' . $q);
exit;
