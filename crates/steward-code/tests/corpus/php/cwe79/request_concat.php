<?php // expect: CWE-79
$v = $_REQUEST['q'];
$q = "<p>Hello " . $v . "</p>";
echo $q;
