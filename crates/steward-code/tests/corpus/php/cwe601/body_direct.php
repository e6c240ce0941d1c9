<?php // expect: CWE-601
$v = file_get_contents('php://input');
$q = $v;
header('Location: ' . $q);
exit;
