<?php // expect: safe CWE-89
$v = $_GET['q'];
if (!in_array($v, ['daily', 'weekly'], true)) {
    die('bad');
}
$item = $v;
$q = "SELECT * FROM users WHERE name = '" . $item . "'";
$result = mysqli_query($conn, $q);
