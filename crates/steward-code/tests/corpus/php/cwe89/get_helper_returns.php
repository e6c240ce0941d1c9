<?php // expect: CWE-89
function build($x)
{
    return "SELECT * FROM users WHERE name = '" . $x . "'";
}

$v = $_GET['q'];
$q = build($v);
$result = mysqli_query($conn, $q);
