<?php // expect: CWE-90
function build($x)
{
    return '(uid=' . $x . ')';
}

$v = $_GET['q'];
$q = build($v);
$ds = ldap_connect('ldap://directory');
$r = ldap_search($ds, 'ou=people,dc=example,dc=com', $q);
