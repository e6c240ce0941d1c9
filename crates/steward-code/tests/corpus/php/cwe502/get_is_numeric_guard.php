<?php // expect: safe CWE-502
$v = $_GET['q'];
if (!is_numeric($v)) {
    exit;
}
$item = $v;
$q = $item;
$obj = unserialize($q);
