<?php // expect: CWE-98
$v = $_GET['q'];
$item = strlen($v) > 3 ? $v : 'short';
$q = 'pages/' . $item . '.php';
include $q;
