<?php // expect: CWE-94
$v = $_GET['q'];
$box = new stdClass();
$box->item = $v;
$q = 'return ' . $box->item . ';';
$result = eval($q);
