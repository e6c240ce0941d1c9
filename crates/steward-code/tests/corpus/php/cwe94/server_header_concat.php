<?php // expect: CWE-94
$v = $_SERVER['HTTP_X_ITEM'];
$q = 'return ' . $v . ';';
$result = eval($q);
