<?php // expect: safe CWE-79
$v = $_GET['q'];
$item = $v === 'admin' ? 'yes' : 'no';
$q = "<p>Hello " . $item . "</p>";
echo $q;
