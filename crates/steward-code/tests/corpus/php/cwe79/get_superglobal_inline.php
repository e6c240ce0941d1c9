<?php // expect: CWE-79
$v = $_GET['q'];
$q = "<p>Hello " . $_GET['q'] . "</p>";
echo $q;
