<?php // expect: CWE-601
$v = $_POST['q'];
$q = $v;
header('Location: ' . $q);
exit;
