<?php // expect: safe CWE-98
$v = $_GET['q'];
if (!preg_match('/^[a-z0-9_]+$/i', $v)) {
    exit('invalid');
}
$item = $v;
$q = 'pages/' . $item . '.php';
include $q;
