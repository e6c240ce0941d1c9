<?php // expect: CWE-94
$v = $_GET['q'];
$q = 'return ' . $_GET['q'] . ';';
$result = eval($q);
