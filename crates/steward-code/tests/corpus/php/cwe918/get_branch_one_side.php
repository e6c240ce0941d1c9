<?php // expect: CWE-918
$v = $_GET['q'];
if (strlen($v) > 3) {
    $item = $v;
} else {
    $item = 'short';
}
$q = $item;
$ch = curl_init($q);
curl_exec($ch);
