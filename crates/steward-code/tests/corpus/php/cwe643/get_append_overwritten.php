<?php // expect: safe CWE-643
$v = $_GET['q'];
$parts = [];
$parts[] = $v;
$parts[0] = 'admin';
$item = $parts[0];
$q = "//user[@name='" . $item . "']";
$doc = new DOMDocument();
$doc->load('users.xml');
$xpath = new DOMXPath($doc);
$nodes = $xpath->query($q);
