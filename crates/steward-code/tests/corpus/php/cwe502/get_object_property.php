<?php // expect: CWE-502
$v = $_GET['q'];
$box = new stdClass();
$box->item = $v;
$q = $box->item;
$obj = unserialize($q);
