<?php // expect: safe CWE-918
$v = $_GET['q'];
$d = ['k' => $v];
$d['k'] = 'admin';
$item = $d['k'];
$q = $item;
$ch = curl_init($q);
curl_exec($ch);
