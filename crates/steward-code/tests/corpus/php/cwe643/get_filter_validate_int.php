<?php // expect: safe CWE-643
$v = $_GET['q'];
$item = filter_var($v, FILTER_VALIDATE_INT);
$q = "//user[@name='" . $item . "']";
$doc = new DOMDocument();
$doc->load('users.xml');
$xpath = new DOMXPath($doc);
$nodes = $xpath->query($q);
