<?php // expect: CWE-502
$v = $_GET['q'] ?? 'default';
$q = $v;
$obj = unserialize($q);
