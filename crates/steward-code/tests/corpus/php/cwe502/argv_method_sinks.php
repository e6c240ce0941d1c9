<?php // expect: CWE-502
class Repo
{
    public function run($q)
    {
        $obj = unserialize($q);
    }
}

$v = $argv[1];
$q = $v;
$repo = new Repo();
$repo->run($q);
