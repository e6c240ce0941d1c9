<?php // expect: CWE-918
$v = $_GET['q'];
$item = '';
foreach ([$v, 'x'] as $part) {
    $item = $part;
}
$q = $item;
$ch = curl_init($q);
curl_exec($ch);
