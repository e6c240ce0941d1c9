<?php // expect: safe CWE-98
$v = $_GET['q'];
$item = $v === 'admin' ? 'yes' : 'no';
$q = 'pages/' . $item . '.php';
include $q;
