<?php // expect: safe CWE-94
function clean($x)
{
    return intval($x);
}

$v = $_GET['q'];
$item = clean($v);
$q = 'return ' . $item . ';';
$result = eval($q);
