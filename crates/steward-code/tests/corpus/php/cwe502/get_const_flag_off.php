<?php // expect: safe CWE-502
const VERBOSE = false;
$v = $_GET['q'];
$item = 'admin';
if (VERBOSE) {
    $item = $v;
}
$q = $item;
$obj = unserialize($q);
