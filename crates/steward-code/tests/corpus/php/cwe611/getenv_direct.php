<?php // expect: CWE-611
$v = getenv('TARGET');
$q = $v;
$doc = simplexml_load_string($q, 'SimpleXMLElement', LIBXML_NOENT);
