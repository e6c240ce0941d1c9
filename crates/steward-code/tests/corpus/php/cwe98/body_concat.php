<?php // expect: CWE-98
$v = file_get_contents('php://input');
$q = 'pages/' . $v . '.php';
include $q;
