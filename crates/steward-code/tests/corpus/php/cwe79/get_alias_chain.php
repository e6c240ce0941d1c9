<?php // expect: CWE-79
$v = $_GET['q'];
$a = $v;
$b = $a;
$q = "<p>Hello " . $b . "</p>";
echo $q;
