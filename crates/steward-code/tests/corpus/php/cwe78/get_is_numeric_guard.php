<?php // expect: safe CWE-78
$v = $_GET['q'];
if (!is_numeric($v)) {
    exit;
}
$item = $v;
$q = "ping -c 1 " . $item;
system($q);
