<?php // expect: CWE-918
$v = $_GET['q'];
$a = $v;
$b = $a;
$q = $b;
$ch = curl_init($q);
curl_exec($ch);
