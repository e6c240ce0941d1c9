<?php // expect: safe CWE-918
$v = $_GET['q'];
if (!preg_match('/^[a-z0-9_]+$/i', $v)) {
    exit('invalid');
}
$item = $v;
$q = $item;
$ch = curl_init($q);
curl_exec($ch);
