<?php // expect: CWE-94
$v = $_POST['q'];
$q = 'return ' . $v . ';';
$result = eval($q);
