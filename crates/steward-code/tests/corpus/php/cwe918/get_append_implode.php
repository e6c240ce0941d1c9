<?php // expect: CWE-918
$v = $_GET['q'];
$parts = [];
$parts[] = $v;
$item = implode(',', $parts);
$q = $item;
$ch = curl_init($q);
curl_exec($ch);
