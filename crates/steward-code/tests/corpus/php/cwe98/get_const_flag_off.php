<?php // expect: safe CWE-98
const VERBOSE = false;
$v = $_GET['q'];
$item = 'admin';
if (VERBOSE) {
    $item = $v;
}
$q = 'pages/' . $item . '.php';
include $q;
