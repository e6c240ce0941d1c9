<?php // expect: CWE-79
$v = $_GET['q'];
$q = sprintf('<p>Hello %s</p>', $v);
echo $q;
