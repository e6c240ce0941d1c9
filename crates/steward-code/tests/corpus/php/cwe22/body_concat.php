<?php // expect: CWE-22
$v = file_get_contents('php://input');
$q = '/var/www/uploads/' . $v;
$data = file_get_contents($q);
