<?php // expect: safe CWE-78
function clean($x)
{
    return escapeshellarg($x);
}

$v = $_GET['q'];
$item = clean($v);
$q = "ping -c 1 " . $item;
system($q);
