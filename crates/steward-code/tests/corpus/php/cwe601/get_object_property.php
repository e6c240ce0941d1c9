<?php // expect: CWE-601
$v = $_GET['q'];
$box = new stdClass();
$box->item = $v;
$q = $box->item;
header('Location: ' . $q);
exit;
