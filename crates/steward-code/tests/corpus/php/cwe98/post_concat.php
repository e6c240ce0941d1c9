<?php // expect: CWE-98
$v = $_POST['q'];
$q = 'pages/' . $v . '.php';
include $q;
