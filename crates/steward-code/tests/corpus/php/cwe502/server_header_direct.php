<?php // expect: CWE-502
$v = $_SERVER['HTTP_X_ITEM'];
$q = $v;
$obj = unserialize($q);
