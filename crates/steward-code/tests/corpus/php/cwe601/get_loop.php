<?php // expect: CWE-601
$v = $_GET['q'];
$item = '';
foreach ([$v, 'x'] as $part) {
    $item = $part;
}
$q = $item;
header('Location: ' . $q);
exit;
