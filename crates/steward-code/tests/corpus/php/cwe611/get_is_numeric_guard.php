<?php // expect: safe CWE-611
$v = $_GET['q'];
if (!is_numeric($v)) {
    exit;
}
$item = $v;
$q = $item;
$doc = simplexml_load_string($q, 'SimpleXMLElement', LIBXML_NOENT);
