<?php // expect: CWE-98
$v = $_GET['q'];
$d = ['k' => $v, 'o' => 'x'];
$item = $d['k'];
$q = 'pages/' . $item . '.php';
include $q;
