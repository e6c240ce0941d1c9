<?php // expect: safe CWE-22
$v = $_GET['q'];
if (!is_numeric($v)) {
    exit;
}
$item = $v;
$q = '/var/www/uploads/' . $item;
$data = file_get_contents($q);
