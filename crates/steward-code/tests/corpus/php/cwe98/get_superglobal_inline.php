<?php // expect: CWE-98
$v = $_GET['q'];
$q = 'pages/' . $_GET['q'] . '.php';
include $q;
