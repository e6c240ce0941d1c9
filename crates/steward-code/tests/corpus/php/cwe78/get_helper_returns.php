<?php // expect: CWE-78
function build($x)
{
    return "ping -c 1 " . $x;
}

$v = $_GET['q'];
$q = build($v);
system($q);
