<?php // expect: CWE-94
$v = filter_input(INPUT_GET, 'q');
$q = 'return ' . $v . ';';
$result = eval($q);
