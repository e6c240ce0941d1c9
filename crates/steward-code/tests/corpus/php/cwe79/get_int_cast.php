<?php // expect: safe CWE-79
$v = $_GET['q'];
$item = (int) $v;
$q = "<p>Hello " . $item . "</p>";
echo $q;
