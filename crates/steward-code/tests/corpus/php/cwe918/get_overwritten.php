<?php // expect: safe CWE-918
$v = $_GET['q'];
$item = $v;
$item = 'admin';
$q = $item;
$ch = curl_init($q);
curl_exec($ch);
