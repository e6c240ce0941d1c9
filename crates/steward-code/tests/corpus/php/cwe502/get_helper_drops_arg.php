<?php // expect: safe CWE-502
function label($x)
{
    return 'user';
}

$v = $_GET['q'];
$item = label($v);
$q = $item;
$obj = unserialize($q);
