<?php // expect: CWE-601
$v = $_SERVER['HTTP_X_ITEM'];
$q = $v;
header('Location: ' . $q);
exit;
