<?php // expect: CWE-22
$v = $_GET['q'];
$q = "/var/www/uploads/{$v}";
$data = file_get_contents($q);
