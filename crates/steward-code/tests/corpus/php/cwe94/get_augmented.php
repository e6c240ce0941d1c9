<?php // expect: CWE-94
$v = $_GET['q'];
$q = 'return ' . '' . ';';
$q .= $v;
$result = eval($q);
