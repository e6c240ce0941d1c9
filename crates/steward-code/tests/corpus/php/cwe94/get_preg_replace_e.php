<?php // expect: CWE-94
$v = $_GET['q'];
$q = 'return ' . $v . ';';
$out = preg_replace('/(.*)/e', $q, 'x');
