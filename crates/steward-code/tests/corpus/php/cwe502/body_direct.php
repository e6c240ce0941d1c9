<?php // expect: CWE-502
$v = file_get_contents('php://input');
$q = $v;
$obj = unserialize($q);
