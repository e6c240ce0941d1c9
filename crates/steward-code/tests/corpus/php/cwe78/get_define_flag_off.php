<?php // expect: safe CWE-78
define('DEBUG', false);
$v = $_GET['q'];
$item = 'admin';
if (DEBUG) {
    $item = $v;
}
$q = "ping -c 1 " . $item;
system($q);
