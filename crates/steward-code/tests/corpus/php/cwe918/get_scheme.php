<?php // expect: CWE-918
$v = $_GET['q'];
$q = 'http://' . $v . '/status';
$ch = curl_init($q);
curl_exec($ch);
