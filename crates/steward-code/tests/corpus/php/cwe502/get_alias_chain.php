<?php // expect: CWE-502
$v = $_GET['q'];
$a = $v;
$b = $a;
$q = $b;
$obj = unserialize($q);
