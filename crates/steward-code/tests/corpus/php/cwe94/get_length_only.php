<?php // expect: safe CWE-94
$v = $_GET['q'];
$item = (string) strlen($v);
$q = 'return ' . $item . ';';
$result = eval($q);
