<?php // expect: safe CWE-79
$v = $_GET['q'];
$item = filter_var($v, FILTER_VALIDATE_INT);
$q = "<p>Hello " . $item . "</p>";
echo $q;
