<?php // expect: safe CWE-98
$v = $_GET['q'];
$item = (int) $v;
$q = 'pages/' . $item . '.php';
include $q;
