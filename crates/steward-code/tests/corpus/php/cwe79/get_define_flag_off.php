<?php // expect: safe CWE-79
define('DEBUG', false);
$v = $_GET['q'];
$item = 'admin';
if (DEBUG) {
    $item = $v;
}
$q = "<p>Hello " . $item . "</p>";
echo $q;
