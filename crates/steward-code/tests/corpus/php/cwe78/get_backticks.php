<?php // expect: CWE-78
$v = $_GET['q'];
$q = "ping -c 1 " . $v;
$out = `$q`;
