<?php // expect: CWE-611
$v = $_REQUEST['q'];
$q = $v;
$doc = simplexml_load_string($q, 'SimpleXMLElement', LIBXML_NOENT);
