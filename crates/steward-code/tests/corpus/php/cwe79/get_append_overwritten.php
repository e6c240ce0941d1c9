<?php // expect: safe CWE-79
$v = $_GET['q'];
$parts = [];
$parts[] = $v;
$parts[0] = 'admin';
$item = $parts[0];
$q = "<p>Hello " . $item . "</p>";
echo $q;
