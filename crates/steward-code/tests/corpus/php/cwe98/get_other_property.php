<?php // expect: safe CWE-98
$v = $_GET['q'];
$box = new stdClass();
$box->user = $v;
$box->role = 'admin';
$item = $box->role;
$q = 'pages/' . $item . '.php';
include $q;
