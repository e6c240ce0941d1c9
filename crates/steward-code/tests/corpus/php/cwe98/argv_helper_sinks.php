<?php // expect: CWE-98
function run($q)
{
    include $q;
}

$v = $argv[1];
$q = 'pages/' . $v . '.php';
run($q);
