<?php // expect: CWE-643
$v = $_GET['q'];
$q = "//user[@name='" . $_GET['q'] . "']";
$doc = new DOMDocument();
$doc->load('users.xml');
$xpath = new DOMXPath($doc);
$nodes = $xpath->query($q);
