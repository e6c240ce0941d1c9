<?php // expect: safe CWE-502
$v = $_GET['q'];
if (!in_array($v, ['daily', 'weekly'], true)) {
    die('bad');
}
$item = $v;
$q = $item;
$obj = unserialize($q);
