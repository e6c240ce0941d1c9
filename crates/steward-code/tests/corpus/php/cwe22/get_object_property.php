<?php // expect: CWE-22
$v = $_GET['q'];
$box = new stdClass();
$box->item = $v;
$q = '/var/www/uploads/' . $box->item;
$data = file_get_contents($q);
