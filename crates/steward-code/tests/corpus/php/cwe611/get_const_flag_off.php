<?php // expect: safe CWE-611
const VERBOSE = false;
$v = $_GET['q'];
$item = 'admin';
if (VERBOSE) {
    $item = $v;
}
$q = $item;
$doc = simplexml_load_string($q, 'SimpleXMLElement', LIBXML_NOENT);
