<?php // expect: CWE-918
$v = $_POST['q'];
$q = $v;
$ch = curl_init($q);
curl_exec($ch);
