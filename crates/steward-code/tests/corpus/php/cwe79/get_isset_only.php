<?php // expect: safe CWE-79
$v = $_GET['q'];
$item = isset($_GET['q']) ? 'yes' : 'no';
$q = "<p>Hello " . $item . "</p>";
echo $q;
