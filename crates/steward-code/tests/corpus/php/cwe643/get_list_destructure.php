<?php // expect: CWE-643
$v = $_GET['q'];
[$first, $second] = [$v, 'x'];
$q = "//user[@name='" . $first . "']";
$doc = new DOMDocument();
$doc->load('users.xml');
$xpath = new DOMXPath($doc);
$nodes = $xpath->query($q);
