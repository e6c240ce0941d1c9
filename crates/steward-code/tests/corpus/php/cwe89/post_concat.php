<?php // expect: CWE-89
$v = $_POST['q'];
$q = "SELECT * FROM users WHERE name = '" . $v . "'";
$result = mysqli_query($conn, $q);
