<?php // expect: CWE-79
$v = file_get_contents('php://input');
$q = "<p>Hello " . $v . "</p>";
echo $q;
