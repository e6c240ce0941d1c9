<?php // expect: CWE-79
class Query
{
    public static function build($x)
    {
        return "<p>Hello " . $x . "</p>";
    }
}

$v = $_GET['q'];
$q = Query::build($v);
echo $q;
