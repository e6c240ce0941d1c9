<?php // expect: safe CWE-918
define('DEBUG', false);
$v = $_GET['q'];
$item = 'admin';
if (DEBUG) {
    $item = $v;
}
$q = $item;
$ch = curl_init($q);
curl_exec($ch);
