<?php // expect: CWE-918
$v = $_COOKIE['pref'];
$q = $v;
$ch = curl_init($q);
curl_exec($ch);
