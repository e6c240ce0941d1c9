<?php // expect: safe CWE-22
function clean($x)
{
    return basename($x);
}

$v = $_GET['q'];
$item = clean($v);
$q = '/var/www/uploads/' . $item;
$data = file_get_contents($q);
