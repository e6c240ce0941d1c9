<?php // expect: safe CWE-98
$v = $_GET['q'];
$item = (string) strlen($v);
$q = 'pages/' . $item . '.php';
include $q;
