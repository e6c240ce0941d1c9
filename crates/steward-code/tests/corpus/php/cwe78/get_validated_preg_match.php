<?php // expect: safe CWE-78
$v = $_GET['q'];
if (!preg_match('/^[a-z0-9_]+$/i', $v)) {
    exit('invalid');
}
$item = $v;
$q = "ping -c 1 " . $item;
system($q);
