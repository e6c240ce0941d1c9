<?php // expect: safe CWE-502
$v = $_GET['q'];
$item = isset($_GET['q']) ? 'yes' : 'no';
$q = $item;
$obj = unserialize($q);
