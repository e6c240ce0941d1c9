<?php // expect: CWE-94
$v = $_GET['q'];
$item = strlen($v) > 3 ? $v : 'short';
$q = 'return ' . $item . ';';
$result = eval($q);
