<?php // expect: safe CWE-918
$v = $_GET['q'];
if (!is_numeric($v)) {
    exit;
}
$item = $v;
$q = $item;
$ch = curl_init($q);
curl_exec($ch);
