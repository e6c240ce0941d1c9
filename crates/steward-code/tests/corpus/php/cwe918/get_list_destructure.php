<?php // expect: CWE-918
$v = $_GET['q'];
[$first, $second] = [$v, 'x'];
$q = $first;
$ch = curl_init($q);
curl_exec($ch);
