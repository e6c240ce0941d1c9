<?php // expect: safe CWE-90
$v = $_GET['q'];
$item = (int) $v;
$q = '(uid=' . $item . ')';
$ds = ldap_connect('ldap://directory');
$r = ldap_search($ds, 'ou=people,dc=example,dc=com', $q);
