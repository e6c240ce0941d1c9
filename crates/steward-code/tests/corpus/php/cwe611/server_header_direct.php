<?php // expect: CWE-611
$v = $_SERVER['HTTP_X_ITEM'];
$q = $v;
$doc = simplexml_load_string($q, 'SimpleXMLElement', LIBXML_NOENT);
