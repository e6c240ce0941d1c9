<?php // expect: CWE-98
function build($x)
{
    return 'pages/' . $x . '.php';
}

$v = $_GET['q'];
$q = build($v);
include $q;
