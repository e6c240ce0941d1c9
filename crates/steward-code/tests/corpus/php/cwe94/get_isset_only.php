<?php // expect: safe CWE-94
$v = $_GET['q'];
$item = isset($_GET['q']) ? 'yes' : 'no';
$q = 'return ' . $item . ';';
$result = eval($q);
