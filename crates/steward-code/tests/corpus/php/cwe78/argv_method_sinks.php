<?php // expect: CWE-78
class Repo
{
    public function run($q)
    {
        system($q);
    }
}

$v = $argv[1];
$q = "ping -c 1 " . $v;
$repo = new Repo();
$repo->run($q);
