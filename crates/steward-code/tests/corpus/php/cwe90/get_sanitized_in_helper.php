<?php // expect: safe CWE-90
function clean($x)
{
    return ldap_escape($x, '', LDAP_ESCAPE_FILTER);
}

$v = $_GET['q'];
$item = clean($v);
$q = '(uid=' . $item . ')';
$ds = ldap_connect('ldap://directory');
$r = ldap_search($ds, 'ou=people,dc=example,dc=com', $q);
