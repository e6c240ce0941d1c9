<?php // expect: CWE-79
$v = $_SERVER['HTTP_X_ITEM'];
$q = "<p>Hello " . $v . "</p>";
echo $q;
