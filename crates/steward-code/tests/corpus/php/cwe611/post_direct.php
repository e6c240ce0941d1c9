<?php // expect: CWE-611
$v = $_POST['q'];
$q = $v;
$doc = simplexml_load_string($q, 'SimpleXMLElement', LIBXML_NOENT);
