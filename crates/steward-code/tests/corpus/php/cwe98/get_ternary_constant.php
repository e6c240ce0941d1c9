<?php // expect: safe CWE-98
$v = $_GET['q'];
$item = true ? 'admin' : $v;
$q = 'pages/' . $item . '.php';
include $q;
