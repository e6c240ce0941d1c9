<?php // expect: CWE-601
$v = $_GET['q'];
$wrap = function ($x) {
    return trim($x);
};
$q = $wrap($v);
header('Location: ' . $q);
exit;
