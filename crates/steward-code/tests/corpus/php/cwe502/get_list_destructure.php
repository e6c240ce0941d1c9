<?php // expect: CWE-502
$v = $_GET['q'];
[$first, $second] = [$v, 'x'];
$q = $first;
$obj = unserialize($q);
