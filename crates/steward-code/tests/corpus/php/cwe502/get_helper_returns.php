<?php // expect: CWE-502
function build($x)
{
    return $x;
}

$v = $_GET['q'];
$q = build($v);
$obj = unserialize($q);
