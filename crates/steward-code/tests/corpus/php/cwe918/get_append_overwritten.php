<?php // expect: safe CWE-918
$v = $_GET['q'];
$parts = [];
$parts[] = $v;
$parts[0] = 'admin';
$item = $parts[0];
$q = $item;
$ch = curl_init($q);
curl_exec($ch);
