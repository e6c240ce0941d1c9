<?php // expect: CWE-611
$v = $_COOKIE['pref'];
$q = $v;
$doc = simplexml_load_string($q, 'SimpleXMLElement', LIBXML_NOENT);
