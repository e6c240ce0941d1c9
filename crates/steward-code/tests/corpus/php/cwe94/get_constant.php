<?php // expect: safe CWE-94
$v = $_GET['q'];
$item = 'admin';
$q = 'return ' . $item . ';';
$result = eval($q);
