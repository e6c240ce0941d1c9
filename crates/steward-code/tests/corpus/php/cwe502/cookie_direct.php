<?php // expect: CWE-502
$v = $_COOKIE['pref'];
$q = $v;
$obj = unserialize($q);
