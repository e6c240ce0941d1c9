<?php // expect: CWE-79
$v = $_GET['q'];
$wrap = function ($x) {
    return trim($x);
};
$q = "<p>Hello " . $wrap($v) . "</p>";
echo $q;
