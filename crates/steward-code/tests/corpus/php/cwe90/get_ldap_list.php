<?php // expect: CWE-90
$v = $_GET['q'];
$q = '(uid=' . $v . ')';
$ds = ldap_connect('ldap://directory');
$r = ldap_list($ds, 'dc=example,dc=com', $q);
