<?php // expect: CWE-22
$v = $_GET['q'];
$wrap = function ($x) {
    return trim($x);
};
$q = '/var/www/uploads/' . $wrap($v);
$data = file_get_contents($q);
