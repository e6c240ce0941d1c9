<?php // expect: safe CWE-78
$v = $_GET['q'];
if (!in_array($v, ['daily', 'weekly'], true)) {
    die('bad');
}
$item = $v;
$q = "ping -c 1 " . $item;
system($q);
