<?php // expect: CWE-22
$v = getenv('TARGET');
$q = '/var/www/uploads/' . $v;
$data = file_get_contents($q);
