<?php // expect: safe CWE-89
$v = $_GET['q'];
$item = $v === 'admin' ? 'yes' : 'no';
$q = "SELECT * FROM users WHERE name = '" . $item . "'";
$result = mysqli_query($conn, $q);
