<?php // expect: safe CWE-918
$v = $_GET['q'];
$item = 'admin';
if (false) {
    $item = $v;
}
$q = $item;
$ch = curl_init($q);
curl_exec($ch);
