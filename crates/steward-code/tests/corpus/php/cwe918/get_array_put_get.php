<?php // expect: CWE-918
$v = $_GET['q'];
$d = [];
$d['k'] = $v;
$item = $d['k'];
$q = $item;
$ch = curl_init($q);
curl_exec($ch);
