<?php // expect: CWE-98
class Repo
{
    public function run($q)
    {
        include $q;
    }
}

$v = $argv[1];
$q = 'pages/' . $v . '.php';
$repo = new Repo();
$repo->run($q);
