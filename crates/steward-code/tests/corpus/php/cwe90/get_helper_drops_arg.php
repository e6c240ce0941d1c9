<?php // expect: safe CWE-90
function label($x)
{
    return 'user';
}

$v = $_GET['q'];
$item = label($v);
$q = '(uid=' . $item . ')';
$ds = ldap_connect('ldap://directory');
$r = ldap_search($ds, 'ou=people,dc=example,dc=com', $q);
