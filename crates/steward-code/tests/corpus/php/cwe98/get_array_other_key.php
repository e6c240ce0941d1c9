<?php // expect: safe CWE-98
$v = $_GET['q'];
$d = ['k' => $v, 'fixed' => 'admin'];
$item = $d['fixed'];
$q = 'pages/' . $item . '.php';
include $q;
