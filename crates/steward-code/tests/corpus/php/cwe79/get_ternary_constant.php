<?php // expect: safe CWE-79
$v = $_GET['q'];
$item = true ? 'admin' : $v;
$q = "<p>Hello " . $item . "</p>";
echo $q;
