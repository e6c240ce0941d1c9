<?php // expect: CWE-78
function run($q)
{
    system($q);
}

$v = $argv[1];
$q = "ping -c 1 " . $v;
run($q);
