<?php // expect: CWE-918
$v = $_GET['q'];
$q = "https://{$v}/api/health";
$ch = curl_init($q);
curl_exec($ch);
