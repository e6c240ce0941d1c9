<?php // expect: CWE-94
$v = $_GET['q'] ?? 'default';
$q = 'return ' . $v . ';';
$result = eval($q);
