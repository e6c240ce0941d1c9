<?php // expect: CWE-94
$v = $_GET['q'];
$item = '';
foreach ([$v, 'x'] as $part) {
    $item = $part;
}
$q = 'return ' . $item . ';';
$result = eval($q);
