<?php // expect: CWE-90
function run($q)
{
    $ds = ldap_connect('ldap://directory');
    $r = ldap_search($ds, 'ou=people,dc=example,dc=com', $q);
}

$v = $argv[1];
$q = '(uid=' . $v . ')';
run($q);
