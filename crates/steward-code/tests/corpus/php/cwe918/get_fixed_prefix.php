<?php // expect: safe CWE-918
$v = $_GET['q'];
$q = 'https://api.example.com/items/' . $v;
$ch = curl_init($q);
curl_exec($ch);
