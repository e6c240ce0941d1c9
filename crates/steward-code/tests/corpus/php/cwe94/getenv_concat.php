<?php // expect: CWE-94
$v = getenv('TARGET');
$q = 'return ' . $v . ';';
$result = eval($q);
