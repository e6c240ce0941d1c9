<?php // expect: CWE-22
$v = $_GET['q'];
$q = sprintf('/var/www/uploads/%s', $v);
$data = file_get_contents($q);
