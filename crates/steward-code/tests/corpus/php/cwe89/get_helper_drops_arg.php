<?php // expect: safe CWE-89
function label($x)
{
    return 'user';
}

$v = $_GET['q'];
$item = label($v);
$q = "SELECT * FROM users WHERE name = '" . $item . "'";
$result = mysqli_query($conn, $q);
