<?php // expect: safe CWE-79
$v = $_GET['q'];
$d = ['k' => $v];
$d['k'] = 'admin';
$item = $d['k'];
$q = "<p>Hello " . $item . "</p>";
echo $q;
