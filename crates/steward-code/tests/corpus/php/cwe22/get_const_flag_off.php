<?php // expect: safe CWE-22
const VERBOSE = false;
$v = $_GET['q'];
$item = 'admin';
if (VERBOSE) {
    $item = $v;
}
$q = '/var/www/uploads/' . $item;
$data = file_get_contents($q);
