<?php // expect: CWE-98
$v = $_GET['q'];
$q = 'pages/' . '' . '.php';
$q .= $v;
include $q;
