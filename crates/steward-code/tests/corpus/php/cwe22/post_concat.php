<?php // expect: CWE-22
$v = $_POST['q'];
$q = '/var/www/uploads/' . $v;
$data = file_get_contents($q);
