<?php // expect: CWE-89
$v = $_REQUEST['q'];
$q = "SELECT * FROM users WHERE name = '" . $v . "'";
$result = mysqli_query($conn, $q);
