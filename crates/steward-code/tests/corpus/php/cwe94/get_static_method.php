<?php // expect: CWE-94
class Query
{
    public static function build($x)
    {
        return 'return ' . $x . ';';
    }
}

$v = $_GET['q'];
$q = Query::build($v);
$result = eval($q);
