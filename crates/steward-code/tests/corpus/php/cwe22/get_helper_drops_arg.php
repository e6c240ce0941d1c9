<?php // expect: safe CWE-22
function label($x)
{
    return 'user';
}

$v = $_GET['q'];
$item = label($v);
$q = '/var/www/uploads/' . $item;
$data = file_get_contents($q);
