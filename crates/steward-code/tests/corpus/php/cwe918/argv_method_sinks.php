<?php // expect: CWE-918
class Repo
{
    public function run($q)
    {
        $ch = curl_init($q);
        curl_exec($ch);
    }
}

$v = $argv[1];
$q = $v;
$repo = new Repo();
$repo->run($q);
