<?php // expect: safe CWE-89
function clean($x)
{
    return mysqli_real_escape_string($conn, $x);
}

$v = $_GET['q'];
$item = clean($v);
$q = "SELECT * FROM users WHERE name = '" . $item . "'";
$result = mysqli_query($conn, $q);
