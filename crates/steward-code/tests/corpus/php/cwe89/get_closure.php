<?php // expect: CWE-89
$v = $_GET['q'];
$wrap = function ($x) {
    return trim($x);
};
$q = "SELECT * FROM users WHERE name = '" . $wrap($v) . "'";
$result = mysqli_query($conn, $q);
