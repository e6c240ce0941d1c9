<?php // expect: CWE-611
class Query
{
    public static function build($x)
    {
        return $x;
    }
}

$v = $_GET['q'];
$q = Query::build($v);
$doc = simplexml_load_string($q, 'SimpleXMLElement', LIBXML_NOENT);
