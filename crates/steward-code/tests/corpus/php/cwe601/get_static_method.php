<?php // expect: CWE-601
class Query
{
    public static function build($x)
    {
        return $x;
    }
}

$v = $_GET['q'];
$q = Query::build($v);
header('Location: ' . $q);
exit;
