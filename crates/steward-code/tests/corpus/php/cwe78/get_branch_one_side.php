<?php // expect: CWE-78
$v = $_GET['q'];
if (strlen($v) > 3) {
    $item = $v;
} else {
    $item = 'short';
}
$q = "ping -c 1 " . $item;
system($q);
