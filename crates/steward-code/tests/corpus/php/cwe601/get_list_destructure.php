<?php // expect: CWE-601
$v = $_GET['q'];
[$first, $second] = [$v, 'x'];
$q = $first;
header('Location: ' . $q);
exit;
