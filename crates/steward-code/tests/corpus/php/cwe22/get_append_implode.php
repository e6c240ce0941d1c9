<?php // expect: CWE-22
$v = $_GET['q'];
$parts = [];
$parts[] = $v;
$item = implode(',', $parts);
$q = '/var/www/uploads/' . $item;
$data = file_get_contents($q);
