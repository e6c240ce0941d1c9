<?php // expect: safe CWE-94
$v = $_GET['q'];
$item = intval($v);
$q = 'return ' . $item . ';';
$result = eval($q);
