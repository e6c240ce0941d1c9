<?php // expect: safe CWE-643
const VERBOSE = false;
$v = $_GET['q'];
$item = 'admin';
if (VERBOSE) {
    $item = $v;
}
$q = "//user[@name='" . $item . "']";
$doc = new DOMDocument();
$doc->load('users.xml');
$xpath = new DOMXPath($doc);
$nodes = $xpath->query($q);
