<?php // expect: safe CWE-918
$v = $_GET['q'];
$item = isset($_GET['q']) ? 'yes' : 'no';
$q = $item;
$ch = curl_init($q);
curl_exec($ch);
