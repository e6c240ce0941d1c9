<?php // expect: CWE-918
$v = getenv('TARGET');
$q = $v;
$ch = curl_init($q);
curl_exec($ch);
