<?php // expect: CWE-94
$v = $_GET['q'];
$a = $v;
$b = $a;
$q = 'return ' . $b . ';';
$result = eval($q);
