<?php // expect: CWE-79
$v = $_GET['q'];
$item = strlen($v) > 3 ? $v : 'short';
$q = "<p>Hello " . $item . "</p>";
echo $q;
