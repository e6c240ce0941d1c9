<?php // expect: CWE-918
$v = $_GET['q'];
$item = strlen($v) > 3 ? $v : 'short';
$q = $item;
$ch = curl_init($q);
curl_exec($ch);
