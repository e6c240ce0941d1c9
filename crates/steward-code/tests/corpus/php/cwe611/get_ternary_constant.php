<?php // expect: safe CWE-611
$v = $_GET['q'];
$item = true ? 'admin' : $v;
$q = $item;
$doc = simplexml_load_string($q, 'SimpleXMLElement', LIBXML_NOENT);
