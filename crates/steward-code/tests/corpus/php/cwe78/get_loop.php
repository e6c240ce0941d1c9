<?php // expect: CWE-78
$v = $_GET['q'];
$item = '';
foreach ([$v, 'x'] as $part) {
    $item = $part;
}
$q = "ping -c 1 " . $item;
system($q);
