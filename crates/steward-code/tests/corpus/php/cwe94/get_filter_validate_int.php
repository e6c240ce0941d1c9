<?php // expect: safe CWE-94
$v = $_GET['q'];
$item = filter_var($v, FILTER_VALIDATE_INT);
$q = 'return ' . $item . ';';
$result = eval($q);
