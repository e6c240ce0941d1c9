<?php // expect: CWE-78
class Query
{
    public static function build($x)
    {
        return "ping -c 1 " . $x;
    }
}

$v = $_GET['q'];
$q = Query::build($v);
system($q);
