<?php // expect: safe CWE-918
$v = $_GET['q'];
$box = new stdClass();
$box->user = $v;
$box->role = 'admin';
$item = $box->role;
$q = $item;
$ch = curl_init($q);
curl_exec($ch);
