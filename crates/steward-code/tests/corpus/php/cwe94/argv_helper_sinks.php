<?php // expect: CWE-94
function run($q)
{
    $result = eval($q);
}

$v = $argv[1];
$q = 'return ' . $v . ';';
run($q);
