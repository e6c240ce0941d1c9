<?php // expect: CWE-89
$v = $_GET['q'];
$parts = [];
$parts[] = $v;
$item = implode(',', $parts);
$q = "SELECT * FROM users WHERE name = '" . $item . "'";
$result = mysqli_query($conn, $q);
