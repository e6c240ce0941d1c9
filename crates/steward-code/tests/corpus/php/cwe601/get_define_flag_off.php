<?php // expect: safe CWE-601
define('DEBUG', false);
$v = $_GET['q'];
$item = 'admin';
if (DEBUG) {
    $item = $v;
}
$q = $item;
header('Location: ' . $q);
exit;
