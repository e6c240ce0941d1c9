<?php // expect: safe CWE-89
define('DEBUG', false);
$v = $_GET['q'];
$item = 'admin';
if (DEBUG) {
    $item = $v;
}
$q = "SELECT * FROM users WHERE name = '" . $item . "'";
$result = mysqli_query($conn, $q);
