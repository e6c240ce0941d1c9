<?php // expect: safe CWE-94
$v = $_GET['q'];
$item = true ? 'admin' : $v;
$q = 'return ' . $item . ';';
$result = eval($q);
