<?php // expect: CWE-90
$v = $_GET['q'];
$wrap = function ($x) {
    return trim($x);
};
$q = '(uid=' . $wrap($v) . ')';
$ds = ldap_connect('ldap://directory');
$r = ldap_search($ds, 'ou=people,dc=example,dc=com', $q);
