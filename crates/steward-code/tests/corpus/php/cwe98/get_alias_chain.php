<?php // expect: CWE-98
$v = $_GET['q'];
$a = $v;
$b = $a;
$q = 'pages/' . $b . '.php';
include $q;
