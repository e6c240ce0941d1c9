<?php // expect: CWE-502
$v = getenv('TARGET');
$q = $v;
$obj = unserialize($q);
