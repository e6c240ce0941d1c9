<?php // expect: safe CWE-90
$v = $_GET['q'];
if (!in_array($v, ['daily', 'weekly'], true)) {
    die('bad');
}
$item = $v;
$q = '(uid=' . $item . ')';
$ds = ldap_connect('ldap://directory');
$r = ldap_search($ds, 'ou=people,dc=example,dc=com', $q);
