<?php // expect: safe CWE-22
define('DEBUG', false);
$v = $_GET['q'];
$item = 'admin';
if (DEBUG) {
    $item = $v;
}
$q = '/var/www/uploads/' . $item;
$data = file_get_contents($q);
