<?php // expect: safe CWE-22
$v = $_GET['q'];
if (!preg_match('/^[a-z0-9_]+$/i', $v)) {
    exit('invalid');
}
$item = $v;
$q = '/var/www/uploads/' . $item;
$data = file_get_contents($q);
