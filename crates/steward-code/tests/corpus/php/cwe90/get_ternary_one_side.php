<?php // expect: CWE-90
$v = $_GET['q'];
$item = strlen($v) > 3 ? $v : 'short';
$q = '(uid=' . $item . ')';
$ds = ldap_connect('ldap://directory');
$r = ldap_search($ds, 'ou=people,dc=example,dc=com', $q);
