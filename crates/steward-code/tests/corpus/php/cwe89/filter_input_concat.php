<?php // expect: CWE-89
$v = filter_input(INPUT_GET, 'q');
$q = "SELECT * FROM users WHERE name = '" . $v . "'";
$result = mysqli_query($conn, $q);
