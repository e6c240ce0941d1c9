<?php // expect: CWE-98
$v = $_GET['q'];
[$first, $second] = [$v, 'x'];
$q = 'pages/' . $first . '.php';
include $q;
