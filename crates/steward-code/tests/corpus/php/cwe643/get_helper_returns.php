<?php // expect: CWE-643
function build($x)
{
    return "//user[@name='" . $x . "']";
}

$v = $_GET['q'];
$q = build($v);
$doc = new DOMDocument();
$doc->load('users.xml');
$xpath = new DOMXPath($doc);
$nodes = $xpath->query($q);
