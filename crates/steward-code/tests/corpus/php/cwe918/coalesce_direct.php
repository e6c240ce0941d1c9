<?php // expect: CWE-918
$v = $_GET['q'] ?? 'default';
$q = $v;
$ch = curl_init($q);
curl_exec($ch);
