<?php // expect: CWE-78
$v = $_GET['q'];
$wrap = function ($x) {
    return trim($x);
};
$q = "ping -c 1 " . $wrap($v);
system($q);
