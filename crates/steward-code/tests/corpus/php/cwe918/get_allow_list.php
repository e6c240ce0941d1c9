<?php // expect: safe CWE-918
$v = $_GET['q'];
if (!in_array($v, ['daily', 'weekly'], true)) {
    die('bad');
}
$item = $v;
$q = $item;
$ch = curl_init($q);
curl_exec($ch);
