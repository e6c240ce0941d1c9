<?php // expect: CWE-98
class Query
{
    public static function build($x)
    {
        return 'pages/' . $x . '.php';
    }
}

$v = $_GET['q'];
$q = Query::build($v);
include $q;
