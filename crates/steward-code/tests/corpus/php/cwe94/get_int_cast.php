<?php // expect: safe CWE-94
$v = $_GET['q'];
$item = (int) $v;
$q = 'return ' . $item . ';';
$result = eval($q);
