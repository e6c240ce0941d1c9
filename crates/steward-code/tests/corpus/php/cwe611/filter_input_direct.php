<?php // expect: CWE-611
$v = filter_input(INPUT_GET, 'q');
$q = $v;
$doc = simplexml_load_string($q, 'SimpleXMLElement', LIBXML_NOENT);
