<?php // expect: CWE-89
class Repo
{
    public function run($q)
    {
        $result = mysqli_query($conn, $q);
    }
}

$v = $argv[1];
$q = "SELECT * FROM users WHERE name = '" . $v . "'";
$repo = new Repo();
$repo->run($q);
