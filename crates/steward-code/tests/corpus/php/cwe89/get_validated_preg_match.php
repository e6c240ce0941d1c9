<?php // expect: safe CWE-89
$v = $_GET['q'];
if (!preg_match('/^[a-z0-9_]+$/i', $v)) {
    exit('invalid');
}
$item = $v;
$q = "SELECT * FROM users WHERE name = '" . $item . "'";
$result = mysqli_query($conn, $q);
