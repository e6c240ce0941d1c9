<?php // expect: CWE-90
$v = $_GET['q'];
[$first, $second] = [$v, 'x'];
$q = '(uid=' . $first . ')';
$ds = ldap_connect('ldap://directory');
$r = ldap_search($ds, 'ou=people,dc=example,dc=com', $q);
