<?php // expect: CWE-502
$v = $_GET['q'];
$q = $_GET['q'];
$obj = unserialize($q);
