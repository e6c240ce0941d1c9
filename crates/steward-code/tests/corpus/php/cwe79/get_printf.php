<?php // expect: CWE-79
$v = $_GET['q'];
$q = "<p>Hello " . $v . "</p>";
printf('%s', $q);
