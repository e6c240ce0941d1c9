<?php // expect: CWE-601
$v = $_GET['q'] ?? 'default';
$q = $v;
header('Location: ' . $q);
exit;
