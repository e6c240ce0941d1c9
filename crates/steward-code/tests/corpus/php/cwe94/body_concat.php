<?php // expect: CWE-94
$v = file_get_contents('php://input');
$q = 'return ' . $v . ';';
$result = eval($q);
