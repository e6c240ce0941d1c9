<?php // expect: safe CWE-78
$v = $_GET['q'];
$item = isset($_GET['q']) ? 'yes' : 'no';
$q = "ping -c 1 " . $item;
system($q);
