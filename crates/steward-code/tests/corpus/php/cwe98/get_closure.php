<?php // expect: CWE-98
$v = $_GET['q'];
$wrap = function ($x) {
    return trim($x);
};
$q = 'pages/' . $wrap($v) . '.php';
include $q;
