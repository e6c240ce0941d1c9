<?php // expect: CWE-22
$v = $argv[1];
$q = '/var/www/uploads/' . $v;
$data = file_get_contents($q);
