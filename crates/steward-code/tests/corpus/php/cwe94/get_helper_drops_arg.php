<?php // expect: safe CWE-94
function label($x)
{
    return 'user';
}

$v = $_GET['q'];
$item = label($v);
$q = 'return ' . $item . ';';
$result = eval($q);
