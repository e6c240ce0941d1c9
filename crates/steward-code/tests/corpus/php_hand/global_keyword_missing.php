<?php // expect: safe CWE-89
$term = $_GET['q'];

function search(mysqli $db)
{
    // No `global $term;`: this $term is the function's own, unset.
    return mysqli_query($db, "SELECT id, name FROM products WHERE name LIKE '%$term%'");
}

echo htmlspecialchars($term);
$rows = search($db);
