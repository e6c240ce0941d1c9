<?php // expect: safe CWE-601
$v = $_GET['q'];
$q = '/profile/' . $v;
header('Location: ' . $q);
exit;
