<?php // expect: CWE-502
$v = $_GET['q'];
$q = '';
$q .= $v;
$obj = unserialize($q);
