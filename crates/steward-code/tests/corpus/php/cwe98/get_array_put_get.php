<?php // expect: CWE-98
$v = $_GET['q'];
$d = [];
$d['k'] = $v;
$item = $d['k'];
$q = 'pages/' . $item . '.php';
include $q;
