<?php // expect: CWE-502
$v = $_GET['q'];
$d = [];
$d['k'] = $v;
$item = $d['k'];
$q = $item;
$obj = unserialize($q);
