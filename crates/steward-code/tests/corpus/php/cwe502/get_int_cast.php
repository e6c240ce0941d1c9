<?php // expect: safe CWE-502
$v = $_GET['q'];
$item = (int) $v;
$q = $item;
$obj = unserialize($q);
