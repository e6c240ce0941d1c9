<?php // expect: safe CWE-79
$v = $_GET['q'];
$item = intval($v);
$q = "<p>Hello " . $item . "</p>";
echo $q;
