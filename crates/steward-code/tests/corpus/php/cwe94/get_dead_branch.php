<?php // expect: safe CWE-94
$v = $_GET['q'];
$item = 'admin';
if (false) {
    $item = $v;
}
$q = 'return ' . $item . ';';
$result = eval($q);
