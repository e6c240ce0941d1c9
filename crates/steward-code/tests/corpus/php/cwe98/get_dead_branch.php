<?php // expect: safe CWE-98
$v = $_GET['q'];
$item = 'admin';
if (false) {
    $item = $v;
}
$q = 'pages/' . $item . '.php';
include $q;
