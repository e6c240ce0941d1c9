<?php // expect: safe CWE-98
$v = $_GET['q'];
if (!is_numeric($v)) {
    exit;
}
$item = $v;
$q = 'pages/' . $item . '.php';
include $q;
