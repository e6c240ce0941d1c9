<?php // expect: CWE-90
class Repo
{
    public function run($q)
    {
        $ds = ldap_connect('ldap://directory');
        $r = ldap_search($ds, 'ou=people,dc=example,dc=com', $q);
    }
}

$v = $argv[1];
$q = '(uid=' . $v . ')';
$repo = new Repo();
$repo->run($q);
