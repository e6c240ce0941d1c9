<?php // expect: safe CWE-89
function count_orders(mysqli $db)
{
    $status = 'open';
    return mysqli_query($db, "SELECT COUNT(*) FROM orders WHERE status = '$status'");
}

$status = $_GET['status'];
echo htmlspecialchars($status);
count_orders($db);
