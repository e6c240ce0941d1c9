<?php // expect: CWE-22
$v = $_GET['q'];
$item = strlen($v) > 3 ? $v : 'short';
$q = '/var/www/uploads/' . $item;
$data = file_get_contents($q);
