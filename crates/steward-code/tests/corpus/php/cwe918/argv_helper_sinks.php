<?php // expect: CWE-918
function run($q)
{
    $ch = curl_init($q);
    curl_exec($ch);
}

$v = $argv[1];
$q = $v;
run($q);
