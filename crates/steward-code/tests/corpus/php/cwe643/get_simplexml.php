<?php // expect: CWE-643
$v = $_GET['q'];
$q = "//user[@name='" . $v . "']";
$doc = new DOMDocument();
$doc->load('users.xml');
$xpath = new DOMXPath($doc);
$xml = simplexml_load_file('users.xml');
$found = $xml->xpath($q);
