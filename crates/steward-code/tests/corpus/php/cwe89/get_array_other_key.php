<?php // expect: safe CWE-89
$v = $_GET['q'];
$d = ['k' => $v, 'fixed' => 'admin'];
$item = $d['fixed'];
$q = "SELECT * FROM users WHERE name = '" . $item . "'";
$result = mysqli_query($conn, $q);
