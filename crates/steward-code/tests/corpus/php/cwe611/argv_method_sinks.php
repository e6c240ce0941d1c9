<?php // expect: CWE-611
class Repo
{
    public function run($q)
    {
        $doc = simplexml_load_string($q, 'SimpleXMLElement', LIBXML_NOENT);
    }
}

$v = $argv[1];
$q = $v;
$repo = new Repo();
$repo->run($q);
