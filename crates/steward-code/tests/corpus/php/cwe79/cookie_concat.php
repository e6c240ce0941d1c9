<?php // expect: CWE-79
$v = $_COOKIE['pref'];
$q = "<p>Hello " . $v . "</p>";
echo $q;
