<?php // expect: safe CWE-918
$v = $_GET['q'];
$item = (int) $v;
$q = $item;
$ch = curl_init($q);
curl_exec($ch);
