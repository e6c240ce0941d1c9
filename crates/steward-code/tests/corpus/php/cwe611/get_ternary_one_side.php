<?php // expect: CWE-611
$v = $_GET['q'];
$item = strlen($v) > 3 ? $v : 'short';
$q = $item;
$doc = simplexml_load_string($q, 'SimpleXMLElement', LIBXML_NOENT);
