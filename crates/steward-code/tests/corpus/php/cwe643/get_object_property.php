<?php // expect: CWE-643
$v = $_GET['q'];
$box = new stdClass();
$box->item = $v;
$q = "//user[@name='" . $box->item . "']";
$doc = new DOMDocument();
$doc->load('users.xml');
$xpath = new DOMXPath($doc);
$nodes = $xpath->query($q);
