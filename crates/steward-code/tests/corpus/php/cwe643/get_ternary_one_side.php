<?php // expect: CWE-643
$v = $_GET['q'];
$item = strlen($v) > 3 ? $v : 'short';
$q = "//user[@name='" . $item . "']";
$doc = new DOMDocument();
$doc->load('users.xml');
$xpath = new DOMXPath($doc);
$nodes = $xpath->query($q);
