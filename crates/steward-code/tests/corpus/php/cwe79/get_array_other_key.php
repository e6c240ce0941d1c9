<?php // expect: safe CWE-79
$v = $_GET['q'];
$d = ['k' => $v, 'fixed' => 'admin'];
$item = $d['fixed'];
$q = "<p>Hello " . $item . "</p>";
echo $q;
