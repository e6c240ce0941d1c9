<?php // expect: safe CWE-611
$v = $_GET['q'];
$item = filter_var($v, FILTER_VALIDATE_INT);
$q = $item;
$doc = simplexml_load_string($q, 'SimpleXMLElement', LIBXML_NOENT);
