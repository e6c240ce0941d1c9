<?php // expect: CWE-918
function build($x)
{
    return $x;
}

$v = $_GET['q'];
$q = build($v);
$ch = curl_init($q);
curl_exec($ch);
