<?php // expect: CWE-918
$v = $_REQUEST['q'];
$q = $v;
$ch = curl_init($q);
curl_exec($ch);
