<?php // expect: CWE-98
$v = $_GET['q'];
if (strlen($v) > 3) {
    $item = $v;
} else {
    $item = 'short';
}
$q = 'pages/' . $item . '.php';
include $q;
