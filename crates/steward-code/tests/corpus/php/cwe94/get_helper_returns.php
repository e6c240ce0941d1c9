<?php // expect: CWE-94
function build($x)
{
    return 'return ' . $x . ';';
}

$v = $_GET['q'];
$q = build($v);
$result = eval($q);
