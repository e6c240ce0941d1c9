<?php // expect: CWE-611
function run($q)
{
    $doc = simplexml_load_string($q, 'SimpleXMLElement', LIBXML_NOENT);
}

$v = $argv[1];
$q = $v;
run($q);
