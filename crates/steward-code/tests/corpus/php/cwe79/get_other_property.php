<?php // expect: safe CWE-79
$v = $_GET['q'];
$box = new stdClass();
$box->user = $v;
$box->role = 'admin';
$item = $box->role;
$q = "<p>Hello " . $item . "</p>";
echo $q;
