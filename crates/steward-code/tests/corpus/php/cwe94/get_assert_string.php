<?php // expect: CWE-94
$v = $_GET['q'];
$q = 'return ' . $v . ';';
assert($q);
