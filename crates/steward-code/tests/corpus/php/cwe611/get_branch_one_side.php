<?php // expect: CWE-611
$v = $_GET['q'];
if (strlen($v) > 3) {
    $item = $v;
} else {
    $item = 'short';
}
$q = $item;
$doc = simplexml_load_string($q, 'SimpleXMLElement', LIBXML_NOENT);
