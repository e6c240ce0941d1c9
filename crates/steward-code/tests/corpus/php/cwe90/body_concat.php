<?php // expect: CWE-90
$v = file_get_contents('php://input');
$q = '(uid=' . $v . ')';
$ds = ldap_connect('ldap://directory');
$r = ldap_search($ds, 'ou=people,dc=example,dc=com', $q);
