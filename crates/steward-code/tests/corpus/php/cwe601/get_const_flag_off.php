<?php // expect: safe CWE-601
const VERBOSE = false;
$v = $_GET['q'];
$item = 'admin';
if (VERBOSE) {
    $item = $v;
}
$q = $item;
header('Location: ' . $q);
exit;
