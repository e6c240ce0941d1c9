<?php // expect: CWE-79
$v = filter_input(INPUT_GET, 'q');
$q = "<p>Hello " . $v . "</p>";
echo $q;
