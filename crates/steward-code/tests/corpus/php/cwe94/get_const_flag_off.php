<?php // expect: safe CWE-94
const VERBOSE = false;
$v = $_GET['q'];
$item = 'admin';
if (VERBOSE) {
    $item = $v;
}
$q = 'return ' . $item . ';';
$result = eval($q);
