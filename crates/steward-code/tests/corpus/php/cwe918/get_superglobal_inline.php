<?php // expect: CWE-918
$v = $_GET['q'];
$q = $_GET['q'];
$ch = curl_init($q);
curl_exec($ch);
