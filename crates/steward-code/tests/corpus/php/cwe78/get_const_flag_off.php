<?php // expect: safe CWE-78
const VERBOSE = false;
$v = $_GET['q'];
$item = 'admin';
if (VERBOSE) {
    $item = $v;
}
$q = "ping -c 1 " . $item;
system($q);
