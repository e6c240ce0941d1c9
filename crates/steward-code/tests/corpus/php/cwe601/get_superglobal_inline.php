<?php // expect: CWE-601
$v = $_GET['q'];
$q = $_GET['q'];
header('Location: ' . $q);
exit;
