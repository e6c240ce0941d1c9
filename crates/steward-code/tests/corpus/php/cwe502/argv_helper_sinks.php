<?php // expect: CWE-502
function run($q)
{
    $obj = unserialize($q);
}

$v = $argv[1];
$q = $v;
run($q);
