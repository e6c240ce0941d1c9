<?php // expect: CWE-611
$v = $_GET['q'];
$d = ['k' => $v, 'o' => 'x'];
$item = $d['k'];
$q = $item;
$doc = simplexml_load_string($q, 'SimpleXMLElement', LIBXML_NOENT);
