<?php // expect: safe CWE-918
$v = $_GET['q'];
$item = filter_var($v, FILTER_VALIDATE_INT);
$q = $item;
$ch = curl_init($q);
curl_exec($ch);
