<?php // expect: CWE-22
$v = filter_input(INPUT_GET, 'q');
$q = '/var/www/uploads/' . $v;
$data = file_get_contents($q);
