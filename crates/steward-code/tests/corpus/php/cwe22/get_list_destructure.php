<?php // expect: CWE-22
$v = $_GET['q'];
[$first, $second] = [$v, 'x'];
$q = '/var/www/uploads/' . $first;
$data = file_get_contents($q);
