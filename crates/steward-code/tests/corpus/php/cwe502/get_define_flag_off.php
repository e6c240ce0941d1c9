<?php // expect: safe CWE-502
define('DEBUG', false);
$v = $_GET['q'];
$item = 'admin';
if (DEBUG) {
    $item = $v;
}
$q = $item;
$obj = unserialize($q);
