<?php // expect: CWE-89
$v = $_GET['q'];
$q = "SELECT * FROM users WHERE name = '" . $_GET['q'] . "'";
$result = mysqli_query($conn, $q);
