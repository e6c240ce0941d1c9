<?php // expect: CWE-89
$term = $_GET['q'];

function search(mysqli $db)
{
    global $term;
    return mysqli_query($db, "SELECT id, name FROM products WHERE name LIKE '%$term%'");
}

$rows = search($db);
