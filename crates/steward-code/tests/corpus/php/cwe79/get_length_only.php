<?php // expect: safe CWE-79
$v = $_GET['q'];
$item = (string) strlen($v);
$q = "<p>Hello " . $item . "</p>";
echo $q;
