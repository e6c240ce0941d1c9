<?php // expect: CWE-611
$v = $argv[1];
$q = $v;
$doc = simplexml_load_string($q, 'SimpleXMLElement', LIBXML_NOENT);
