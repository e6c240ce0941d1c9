<?php // expect: CWE-502
class Query
{
    public static function build($x)
    {
        return $x;
    }
}

$v = $_GET['q'];
$q = Query::build($v);
$obj = unserialize($q);
