<?php // expect: CWE-94
$v = $_GET['q'];
[$first, $second] = [$v, 'x'];
$q = 'return ' . $first . ';';
$result = eval($q);
