<?php // expect: CWE-502
$v = $_GET['q'];
if (strlen($v) > 3) {
    $item = $v;
} else {
    $item = 'short';
}
$q = $item;
$obj = unserialize($q);
