<?php // expect: safe CWE-78
$v = $_GET['q'];
$item = 'admin';
if (false) {
    $item = $v;
}
$q = "ping -c 1 " . $item;
system($q);
