<?php // expect: CWE-89
$v = $_GET['q'];
$item = '';
foreach ([$v, 'x'] as $part) {
    $item = $part;
}
$q = "SELECT * FROM users WHERE name = '" . $item . "'";
$result = mysqli_query($conn, $q);
