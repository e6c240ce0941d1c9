<?php // expect: CWE-611
$v = $_GET['q'];
$box = new stdClass();
$box->item = $v;
$q = $box->item;
$doc = simplexml_load_string($q, 'SimpleXMLElement', LIBXML_NOENT);
