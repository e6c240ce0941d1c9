<?php // expect: CWE-22
function build($x)
{
    return '/var/www/uploads/' . $x;
}

$v = $_GET['q'];
$q = build($v);
$data = file_get_contents($q);
