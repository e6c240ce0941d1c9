<?php // expect: safe CWE-79
$v = $_GET['q'];
$item = 'admin';
if (false) {
    $item = $v;
}
$q = "<p>Hello " . $item . "</p>";
echo $q;
