<?php // expect: safe CWE-22
$v = $_GET['q'];
$item = 'admin';
if (false) {
    $item = $v;
}
$q = '/var/www/uploads/' . $item;
$data = file_get_contents($q);
