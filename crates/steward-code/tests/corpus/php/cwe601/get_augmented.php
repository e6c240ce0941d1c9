<?php // expect: CWE-601
$v = $_GET['q'];
$q = '';
$q .= $v;
header('Location: ' . $q);
exit;
