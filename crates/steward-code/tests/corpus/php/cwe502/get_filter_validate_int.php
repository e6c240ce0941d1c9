<?php // expect: safe CWE-502
$v = $_GET['q'];
$item = filter_var($v, FILTER_VALIDATE_INT);
$q = $item;
$obj = unserialize($q);
