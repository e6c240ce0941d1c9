<?php // expect: CWE-90
$v = $_GET['q'] ?? 'default';
$q = '(uid=' . $v . ')';
$ds = ldap_connect('ldap://directory');
$r = ldap_search($ds, 'ou=people,dc=example,dc=com', $q);
