<?php // expect: safe CWE-918
const VERBOSE = false;
$v = $_GET['q'];
$item = 'admin';
if (VERBOSE) {
    $item = $v;
}
$q = $item;
$ch = curl_init($q);
curl_exec($ch);
