<?php // expect: safe CWE-89
$v = $_GET['q'];
if (!is_numeric($v)) {
    exit;
}
$item = $v;
$q = "SELECT * FROM users WHERE name = '" . $item . "'";
$result = mysqli_query($conn, $q);
