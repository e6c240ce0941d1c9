<?php // expect: CWE-94
class Repo
{
    public function run($q)
    {
        $result = eval($q);
    }
}

$v = $argv[1];
$q = 'return ' . $v . ';';
$repo = new Repo();
$repo->run($q);
