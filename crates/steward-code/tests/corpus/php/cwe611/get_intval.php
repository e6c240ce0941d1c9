<?php // expect: safe CWE-611
$v = $_GET['q'];
$item = intval($v);
$q = $item;
$doc = simplexml_load_string($q, 'SimpleXMLElement', LIBXML_NOENT);
