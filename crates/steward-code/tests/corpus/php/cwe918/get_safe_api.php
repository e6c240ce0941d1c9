<?php // expect: safe CWE-918
$v = $_GET['q'];
$ch = curl_init('https://api.example.com/items?id=' . urlencode($v));
curl_exec($ch);
