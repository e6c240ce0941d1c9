<?php // expect: safe CWE-98
$v = $_GET['q'];
$d = ['k' => $v];
$d['k'] = 'admin';
$item = $d['k'];
$q = 'pages/' . $item . '.php';
include $q;
