<?php // expect: safe CWE-98
define('DEBUG', false);
$v = $_GET['q'];
$item = 'admin';
if (DEBUG) {
    $item = $v;
}
$q = 'pages/' . $item . '.php';
include $q;
