<?php // expect: CWE-918
$v = $_GET['q'];
$q = '';
$q .= $v;
$ch = curl_init($q);
curl_exec($ch);
