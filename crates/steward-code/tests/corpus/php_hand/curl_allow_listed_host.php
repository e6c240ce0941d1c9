<?php // expect: safe CWE-918
$hosts = ['a' => 'https://a.example.com/', 'b' => 'https://b.example.com/'];
$base = $hosts[$_GET['region']] ?? 'https://a.example.com/';
$ch = curl_init($base . 'status');
curl_exec($ch);
