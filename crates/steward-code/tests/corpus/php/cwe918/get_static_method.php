<?php // expect: CWE-918
class Query
{
    public static function build($x)
    {
        return $x;
    }
}

$v = $_GET['q'];
$q = Query::build($v);
$ch = curl_init($q);
curl_exec($ch);
