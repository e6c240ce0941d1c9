<?php // expect: CWE-643
$v = $_GET['q'];
$a = $v;
$b = $a;
$q = "//user[@name='" . $b . "']";
$doc = new DOMDocument();
$doc->load('users.xml');
$xpath = new DOMXPath($doc);
$nodes = $xpath->query($q);
