<?php // expect: CWE-918
$v = file_get_contents('php://input');
$q = $v;
$ch = curl_init($q);
curl_exec($ch);
