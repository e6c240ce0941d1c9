<?php // expect: safe CWE-22
$v = $_GET['q'];
$item = isset($_GET['q']) ? 'yes' : 'no';
$q = '/var/www/uploads/' . $item;
$data = file_get_contents($q);
