<?php // expect: safe CWE-89
$term = mysqli_real_escape_string($db, $_GET['q']);

function search(mysqli $db)
{
    global $term;
    return mysqli_query($db, "SELECT id, name FROM products WHERE name LIKE '%$term%'");
}

$rows = search($db);
