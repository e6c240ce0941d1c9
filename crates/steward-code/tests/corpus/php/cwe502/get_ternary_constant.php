<?php // expect: safe CWE-502
$v = $_GET['q'];
$item = true ? 'admin' : $v;
$q = $item;
$obj = unserialize($q);
