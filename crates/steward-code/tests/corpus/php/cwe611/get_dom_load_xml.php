<?php // expect: CWE-611
$v = $_GET['q'];
$q = $v;
$dom = new DOMDocument();
$dom->loadXML($q, LIBXML_NOENT | LIBXML_DTDLOAD);
