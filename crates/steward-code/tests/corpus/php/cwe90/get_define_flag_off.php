<?php // expect: safe CWE-90
define('DEBUG', false);
$v = $_GET['q'];
$item = 'admin';
if (DEBUG) {
    $item = $v;
}
$q = '(uid=' . $item . ')';
$ds = ldap_connect('ldap://directory');
$r = ldap_search($ds, 'ou=people,dc=example,dc=com', $q);
