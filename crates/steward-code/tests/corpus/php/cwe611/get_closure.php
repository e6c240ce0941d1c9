<?php // expect: CWE-611
$v = $_GET['q'];
$wrap = function ($x) {
    return trim($x);
};
$q = $wrap($v);
$doc = simplexml_load_string($q, 'SimpleXMLElement', LIBXML_NOENT);
