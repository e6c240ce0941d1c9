<?php // expect: CWE-98
$v = $_REQUEST['q'];
$q = 'pages/' . $v . '.php';
include $q;
