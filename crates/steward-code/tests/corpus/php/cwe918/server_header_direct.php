<?php // expect: CWE-918
$v = $_SERVER['HTTP_X_ITEM'];
$q = $v;
$ch = curl_init($q);
curl_exec($ch);
