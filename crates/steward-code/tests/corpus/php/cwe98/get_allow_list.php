<?php // expect: safe CWE-98
$v = $_GET['q'];
if (!in_array($v, ['daily', 'weekly'], true)) {
    die('bad');
}
$item = $v;
$q = 'pages/' . $item . '.php';
include $q;
