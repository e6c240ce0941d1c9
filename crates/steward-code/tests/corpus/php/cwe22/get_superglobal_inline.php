<?php // expect: CWE-22
$v = $_GET['q'];
$q = '/var/www/uploads/' . $_GET['q'];
$data = file_get_contents($q);
