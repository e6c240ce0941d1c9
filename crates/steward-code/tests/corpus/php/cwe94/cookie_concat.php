<?php // expect: CWE-94
$v = $_COOKIE['pref'];
$q = 'return ' . $v . ';';
$result = eval($q);
