<?php // expect: safe CWE-94
define('DEBUG', false);
$v = $_GET['q'];
$item = 'admin';
if (DEBUG) {
    $item = $v;
}
$q = 'return ' . $item . ';';
$result = eval($q);
