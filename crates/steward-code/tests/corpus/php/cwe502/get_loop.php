<?php // expect: CWE-502
$v = $_GET['q'];
$item = '';
foreach ([$v, 'x'] as $part) {
    $item = $part;
}
$q = $item;
$obj = unserialize($q);
