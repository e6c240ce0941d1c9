<?php // expect: CWE-611
$v = $_GET['q'] ?? 'default';
$q = $v;
$doc = simplexml_load_string($q, 'SimpleXMLElement', LIBXML_NOENT);
