<?php // expect: CWE-643
$v = $_GET['q'];
$d = [];
$d['k'] = $v;
$item = $d['k'];
$q = "//user[@name='" . $item . "']";
$doc = new DOMDocument();
$doc->load('users.xml');
$xpath = new DOMXPath($doc);
$nodes = $xpath->query($q);
