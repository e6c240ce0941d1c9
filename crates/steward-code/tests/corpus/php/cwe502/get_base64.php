<?php // expect: CWE-502
$v = $_GET['q'];
$q = base64_decode($v);
$obj = unserialize($q);
