<?php // expect: CWE-94
$v = $argv[1];
$q = 'return ' . $v . ';';
$result = eval($q);
