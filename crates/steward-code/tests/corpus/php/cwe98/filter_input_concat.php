<?php // expect: CWE-98
$v = filter_input(INPUT_GET, 'q');
$q = 'pages/' . $v . '.php';
include $q;
