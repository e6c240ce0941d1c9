<?php // expect: CWE-643
$v = $_GET['q'];
$wrap = function ($x) {
    return trim($x);
};
$q = "//user[@name='" . $wrap($v) . "']";
$doc = new DOMDocument();
$doc->load('users.xml');
$xpath = new DOMXPath($doc);
$nodes = $xpath->query($q);
