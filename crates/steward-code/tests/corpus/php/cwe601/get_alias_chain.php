<?php // expect: CWE-601
$v = $_GET['q'];
$a = $v;
$b = $a;
$q = $b;
header('Location: ' . $q);
exit;
