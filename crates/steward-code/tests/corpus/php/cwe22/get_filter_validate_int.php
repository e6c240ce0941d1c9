<?php // expect: safe CWE-22
$v = $_GET['q'];
$item = filter_var($v, FILTER_VALIDATE_INT);
$q = '/var/www/uploads/' . $item;
$data = file_get_contents($q);
