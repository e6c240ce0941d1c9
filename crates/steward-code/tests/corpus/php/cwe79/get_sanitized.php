<?php // expect: safe CWE-79
$v = $_GET['q'];
$item = htmlspecialchars($v, ENT_QUOTES, 'UTF-8');
$q = "<p>Hello " . $item . "</p>";
echo $q;
