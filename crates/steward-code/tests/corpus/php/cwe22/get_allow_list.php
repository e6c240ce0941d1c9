<?php // expect: safe CWE-22
$v = $_GET['q'];
if (!in_array($v, ['daily', 'weekly'], true)) {
    die('bad');
}
$item = $v;
$q = '/var/www/uploads/' . $item;
$data = file_get_contents($q);
