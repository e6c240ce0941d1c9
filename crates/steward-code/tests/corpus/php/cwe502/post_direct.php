<?php // expect: CWE-502
$v = $_POST['q'];
$q = $v;
$obj = unserialize($q);
