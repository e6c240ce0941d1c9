<?php // expect: CWE-94
$v = $_GET['q'];
$wrap = function ($x) {
    return trim($x);
};
$q = 'return ' . $wrap($v) . ';';
$result = eval($q);
