<?php // expect: safe CWE-98
$v = $_GET['q'];
$item = isset($_GET['q']) ? 'yes' : 'no';
$q = 'pages/' . $item . '.php';
include $q;
