<?php // expect: CWE-611
function build($x)
{
    return $x;
}

$v = $_GET['q'];
$q = build($v);
$doc = simplexml_load_string($q, 'SimpleXMLElement', LIBXML_NOENT);
