<?php // expect: CWE-22
$v = $_GET['q'];
$q = '/var/www/uploads/' . $v;
file_put_contents($q, 'x');
