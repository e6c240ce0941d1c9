<?php // expect: CWE-79
$v = $_GET['q'];
$d = ['k' => $v, 'o' => 'x'];
$item = $d['k'];
$q = "<p>Hello " . $item . "</p>";
echo $q;
