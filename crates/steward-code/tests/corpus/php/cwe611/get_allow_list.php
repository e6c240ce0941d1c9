<?php // expect: safe CWE-611
$v = $_GET['q'];
if (!in_array($v, ['daily', 'weekly'], true)) {
    die('bad');
}
$item = $v;
$q = $item;
$doc = simplexml_load_string($q, 'SimpleXMLElement', LIBXML_NOENT);
