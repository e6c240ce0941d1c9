<?php // expect: CWE-94
$v = $_GET['q'];
if (strlen($v) > 3) {
    $item = $v;
} else {
    $item = 'short';
}
$q = 'return ' . $item . ';';
$result = eval($q);
