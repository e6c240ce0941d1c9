<?php // expect: CWE-89
$v = $_GET['q'];
$box = new stdClass();
$box->item = $v;
$q = "SELECT * FROM users WHERE name = '" . $box->item . "'";
$result = mysqli_query($conn, $q);
