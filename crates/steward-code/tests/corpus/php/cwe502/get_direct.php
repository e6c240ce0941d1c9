<?php // expect: CWE-502
$v = $_GET['q'];
$q = $v;
$obj = unserialize($q);
