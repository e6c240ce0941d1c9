<?php // expect: CWE-98
$v = $_GET['q'];
$item = '';
foreach ([$v, 'x'] as $part) {
    $item = $part;
}
$q = 'pages/' . $item . '.php';
include $q;
