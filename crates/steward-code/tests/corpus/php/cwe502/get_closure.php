<?php // expect: CWE-502
$v = $_GET['q'];
$wrap = function ($x) {
    return trim($x);
};
$q = $wrap($v);
$obj = unserialize($q);
