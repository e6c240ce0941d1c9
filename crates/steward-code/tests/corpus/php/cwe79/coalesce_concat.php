<?php // expect: CWE-79
$v = $_GET['q'] ?? 'default';
$q = "<p>Hello " . $v . "</p>";
echo $q;
