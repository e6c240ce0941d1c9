<?php // expect: safe CWE-502
$v = $_GET['q'];
if (!preg_match('/^[a-z0-9_]+$/i', $v)) {
    exit('invalid');
}
$item = $v;
$q = $item;
$obj = unserialize($q);
