<?php // expect: CWE-89
$v = $_GET['q'];
$item = strlen($v) > 3 ? $v : 'short';
$q = "SELECT * FROM users WHERE name = '" . $item . "'";
$result = mysqli_query($conn, $q);
