<?php // expect: safe CWE-79
$v = $_GET['q'];
$item = 'admin';
$q = "<p>Hello " . $item . "</p>";
echo $q;
