<?php // expect: CWE-643
$v = file_get_contents('php://input');
$q = "//user[@name='" . $v . "']";
$doc = new DOMDocument();
$doc->load('users.xml');
$xpath = new DOMXPath($doc);
$nodes = $xpath->query($q);
