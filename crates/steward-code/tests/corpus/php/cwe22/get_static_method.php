<?php // expect: CWE-22
class Query
{
    public static function build($x)
    {
        return '/var/www/uploads/' . $x;
    }
}

$v = $_GET['q'];
$q = Query::build($v);
$data = file_get_contents($q);
