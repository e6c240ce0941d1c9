<?php // expect: CWE-79
$v = $_POST['q'];
$q = "<p>Hello " . $v . "</p>";
echo $q;
