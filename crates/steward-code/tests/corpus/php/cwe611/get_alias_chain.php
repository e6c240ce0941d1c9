<?php // expect: CWE-611
$v = $_GET['q'];
$a = $v;
$b = $a;
$q = $b;
$doc = simplexml_load_string($q, 'SimpleXMLElement', LIBXML_NOENT);
