<?php // expect: CWE-89
class Query
{
    public static function build($x)
    {
        return "SELECT * FROM users WHERE name = '" . $x . "'";
    }
}

$v = $_GET['q'];
$q = Query::build($v);
$result = mysqli_query($conn, $q);
