<?php // expect: CWE-611
$v = $_GET['q'];
[$first, $second] = [$v, 'x'];
$q = $first;
$doc = simplexml_load_string($q, 'SimpleXMLElement', LIBXML_NOENT);
