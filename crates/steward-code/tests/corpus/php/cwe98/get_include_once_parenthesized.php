<?php // expect: CWE-98
$v = $_GET['q'];
$q = 'pages/' . $v . '.php';
include_once($q);
