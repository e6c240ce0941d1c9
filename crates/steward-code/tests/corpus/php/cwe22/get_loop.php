<?php // expect: CWE-22
$v = $_GET['q'];
$item = '';
foreach ([$v, 'x'] as $part) {
    $item = $part;
}
$q = '/var/www/uploads/' . $item;
$data = file_get_contents($q);
