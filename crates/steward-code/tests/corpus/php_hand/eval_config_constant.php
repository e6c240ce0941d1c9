<?php // expect: safe CWE-94
$expr = '1 + 2';
if ($_GET['debug'] ?? false) {
    $expr = '2 + 3';
}
$r = eval('return ' . $expr . ';');
