<?php // expect: CWE-601
$v = $_COOKIE['pref'];
$q = $v;
header('Location: ' . $q);
exit;
