<?php // expect: CWE-90
$v = $_GET['q'];
$d = ['k' => $v, 'o' => 'x'];
$item = $d['k'];
$q = '(uid=' . $item . ')';
$ds = ldap_connect('ldap://directory');
$r = ldap_search($ds, 'ou=people,dc=example,dc=com', $q);
