<?php // expect: CWE-79
$v = $_GET['q'];
$d = [];
$d['k'] = $v;
$item = $d['k'];
$q = "<p>Hello " . $item . "</p>";
echo $q;
