<?php // expect: CWE-22
$v = $_COOKIE['pref'];
$q = '/var/www/uploads/' . $v;
$data = file_get_contents($q);
