<?php // expect: CWE-918
$v = $_GET['q'];
$wrap = function ($x) {
    return trim($x);
};
$q = $wrap($v);
$ch = curl_init($q);
curl_exec($ch);
