<?php // expect: safe CWE-611
function label($x)
{
    return 'user';
}

$v = $_GET['q'];
$item = label($v);
$q = $item;
$doc = simplexml_load_string($q, 'SimpleXMLElement', LIBXML_NOENT);
