<?php // expect: safe CWE-643
function label($x)
{
    return 'user';
}

$v = $_GET['q'];
$item = label($v);
$q = "//user[@name='" . $item . "']";
$doc = new DOMDocument();
$doc->load('users.xml');
$xpath = new DOMXPath($doc);
$nodes = $xpath->query($q);
