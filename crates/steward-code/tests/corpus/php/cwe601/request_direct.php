<?php // expect: CWE-601
$v = $_REQUEST['q'];
$q = $v;
header('Location: ' . $q);
exit;
