<?php // expect: CWE-22
$v = $_GET['q'];
$a = $v;
$b = $a;
$q = '/var/www/uploads/' . $b;
$data = file_get_contents($q);
