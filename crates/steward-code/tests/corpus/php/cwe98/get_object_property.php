<?php // expect: CWE-98
$v = $_GET['q'];
$box = new stdClass();
$box->item = $v;
$q = 'pages/' . $box->item . '.php';
include $q;
