<?php // expect: CWE-90
$v = $_GET['q'];
$parts = [];
$parts[] = $v;
$item = implode(',', $parts);
$q = '(uid=' . $item . ')';
$ds = ldap_connect('ldap://directory');
$r = ldap_search($ds, 'ou=people,dc=example,dc=com', $q);
