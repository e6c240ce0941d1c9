<?php // expect: CWE-601
$v = $_GET['q'];
$q = $v;
$location = 'Location: ' . $q;
header($location);
