<?php // expect: safe CWE-918
$v = $_GET['q'];
$d = ['k' => $v, 'fixed' => 'admin'];
$item = $d['fixed'];
$q = $item;
$ch = curl_init($q);
curl_exec($ch);
