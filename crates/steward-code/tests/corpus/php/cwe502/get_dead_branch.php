<?php // expect: safe CWE-502
$v = $_GET['q'];
$item = 'admin';
if (false) {
    $item = $v;
}
$q = $item;
$obj = unserialize($q);
