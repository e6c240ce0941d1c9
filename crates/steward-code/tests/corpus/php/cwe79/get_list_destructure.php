<?php // expect: CWE-79
$v = $_GET['q'];
[$first, $second] = [$v, 'x'];
$q = "<p>Hello " . $first . "</p>";
echo $q;
