<?php // expect: CWE-79
$v = $_GET['q'];
$parts = [];
$parts[] = $v;
$item = implode(',', $parts);
$q = "<p>Hello " . $item . "</p>";
echo $q;
