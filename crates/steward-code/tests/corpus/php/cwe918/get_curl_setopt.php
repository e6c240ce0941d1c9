<?php // expect: CWE-918
$v = $_GET['q'];
$q = $v;
$ch = curl_init();
curl_setopt($ch, CURLOPT_URL, $q);
curl_exec($ch);
