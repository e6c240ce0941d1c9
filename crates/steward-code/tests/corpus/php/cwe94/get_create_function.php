<?php // expect: CWE-94
$v = $_GET['q'];
$q = 'return ' . $v . ';';
$f = create_function('', $q);
