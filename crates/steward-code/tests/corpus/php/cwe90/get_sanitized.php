<?php // expect: safe CWE-90
$v = $_GET['q'];
$item = ldap_escape($v, '', LDAP_ESCAPE_FILTER);
$q = '(uid=' . $item . ')';
$ds = ldap_connect('ldap://directory');
$r = ldap_search($ds, 'ou=people,dc=example,dc=com', $q);
