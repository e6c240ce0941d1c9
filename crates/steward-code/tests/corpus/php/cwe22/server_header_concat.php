<?php // expect: CWE-22
$v = $_SERVER['HTTP_X_ITEM'];
$q = '/var/www/uploads/' . $v;
$data = file_get_contents($q);
