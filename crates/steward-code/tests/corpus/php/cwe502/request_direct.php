<?php // expect: CWE-502
$v = $_REQUEST['q'];
$q = $v;
$obj = unserialize($q);
