<?php // expect: safe CWE-94
$v = $_GET['q'];
$item = $v === 'admin' ? 'yes' : 'no';
$q = 'return ' . $item . ';';
$result = eval($q);
