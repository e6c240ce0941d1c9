<?php // expect: CWE-22
class Repo
{
    public function run($q)
    {
        $data = file_get_contents($q);
    }
}

$v = $argv[1];
$q = '/var/www/uploads/' . $v;
$repo = new Repo();
$repo->run($q);
