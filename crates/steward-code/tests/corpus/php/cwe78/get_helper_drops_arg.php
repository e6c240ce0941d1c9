<?php // expect: safe CWE-78
function label($x)
{
    return 'user';
}

$v = $_GET['q'];
$item = label($v);
$q = "ping -c 1 " . $item;
system($q);
