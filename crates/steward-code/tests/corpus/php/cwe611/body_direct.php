<?php // expect: CWE-611
$v = file_get_contents('php://input');
$q = $v;
$doc = simplexml_load_string($q, 'SimpleXMLElement', LIBXML_NOENT);
