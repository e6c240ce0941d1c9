<?php // expect: CWE-22
$v = $_GET['q'];
$d = [];
$d['k'] = $v;
$item = $d['k'];
$q = '/var/www/uploads/' . $item;
$data = file_get_contents($q);
