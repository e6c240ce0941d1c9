<?php // expect: CWE-918
$v = $argv[1];
$q = $v;
$ch = curl_init($q);
curl_exec($ch);
