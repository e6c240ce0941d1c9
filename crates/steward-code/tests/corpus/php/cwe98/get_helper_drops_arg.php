<?php // expect: safe CWE-98
function label($x)
{
    return 'user';
}

$v = $_GET['q'];
$item = label($v);
$q = 'pages/' . $item . '.php';
include $q;
