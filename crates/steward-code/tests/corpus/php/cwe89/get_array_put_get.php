<?php // expect: CWE-89
$v = $_GET['q'];
$d = [];
$d['k'] = $v;
$item = $d['k'];
$q = "SELECT * FROM users WHERE name = '" . $item . "'";
$result = mysqli_query($conn, $q);
