<?php // expect: CWE-98
$v = $_GET['q'];
$q = 'pages/' . $v . '.php';
require_once $q;
