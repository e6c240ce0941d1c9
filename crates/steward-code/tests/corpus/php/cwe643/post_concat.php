<?php // expect: CWE-643
$v = $_POST['q'];
$q = "//user[@name='" . $v . "']";
$doc = new DOMDocument();
$doc->load('users.xml');
$xpath = new DOMXPath($doc);
$nodes = $xpath->query($q);
