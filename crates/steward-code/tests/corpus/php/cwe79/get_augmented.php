<?php // expect: CWE-79
$v = $_GET['q'];
$q = "<p>Hello " . '' . "</p>";
$q .= $v;
echo $q;
