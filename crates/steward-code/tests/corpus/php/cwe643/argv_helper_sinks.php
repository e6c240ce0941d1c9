<?php // expect: CWE-643
function run($q)
{
    $doc = new DOMDocument();
    $doc->load('users.xml');
    $xpath = new DOMXPath($doc);
    $nodes = $xpath->query($q);
}

$v = $argv[1];
$q = "//user[@name='" . $v . "']";
run($q);
