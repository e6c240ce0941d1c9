<?php // expect: CWE-90
$v = $_GET['q'];
$box = new stdClass();
$box->item = $v;
$q = '(uid=' . $box->item . ')';
$ds = ldap_connect('ldap://directory');
$r = ldap_search($ds, 'ou=people,dc=example,dc=com', $q);
