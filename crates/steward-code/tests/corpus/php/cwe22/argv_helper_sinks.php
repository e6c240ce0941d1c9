<?php // expect: CWE-22
function run($q)
{
    $data = file_get_contents($q);
}

$v = $argv[1];
$q = '/var/www/uploads/' . $v;
run($q);
