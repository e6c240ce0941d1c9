<?php // expect: safe CWE-601
$v = $_GET['q'];
$item = true ? 'admin' : $v;
$q = $item;
header('Location: ' . $q);
exit;
