<?php // expect: CWE-94
$v = $_REQUEST['q'];
$q = 'return ' . $v . ';';
$result = eval($q);
