<?php // expect: CWE-643
$xml = simplexml_load_file('users.xml');
$u = $_POST['u'];
$p = $_POST['p'];
$found = $xml->xpath("//user[name='$u' and password='$p']");
