<?php // expect: CWE-22
$v = $_GET['q'];
$q = '/var/www/uploads/' . '';
$q .= $v;
$data = file_get_contents($q);
