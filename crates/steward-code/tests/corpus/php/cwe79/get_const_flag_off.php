<?php // expect: safe CWE-79
const VERBOSE = false;
$v = $_GET['q'];
$item = 'admin';
if (VERBOSE) {
    $item = $v;
}
$q = "<p>Hello " . $item . "</p>";
echo $q;
