<?php // expect: CWE-90
$ds = ldap_connect('ldap://dir.example.com');
$user = $_POST['user'];
$sr = ldap_search($ds, 'dc=example,dc=com', "(&(objectClass=person)(uid=$user))");
