<?php // expect: safe CWE-98
$v = $_GET['q'];
$item = filter_var($v, FILTER_VALIDATE_INT);
$q = 'pages/' . $item . '.php';
include $q;
