<?php // expect: CWE-611
$v = $_GET['q'];
$q = $_GET['q'];
$doc = simplexml_load_string($q, 'SimpleXMLElement', LIBXML_NOENT);
