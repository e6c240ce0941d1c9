<?php // expect: safe CWE-918
function label($x)
{
    return 'user';
}

$v = $_GET['q'];
$item = label($v);
$q = $item;
$ch = curl_init($q);
curl_exec($ch);
