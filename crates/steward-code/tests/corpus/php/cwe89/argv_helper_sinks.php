<?php // expect: CWE-89
function run($q)
{
    $result = mysqli_query($conn, $q);
}

$v = $argv[1];
$q = "SELECT * FROM users WHERE name = '" . $v . "'";
run($q);
