<?php // expect: CWE-502
$v = $argv[1];
$q = $v;
$obj = unserialize($q);
