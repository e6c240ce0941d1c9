<?php // expect: safe CWE-502
$v = $_GET['q'];
$q = $v;
$obj = unserialize($q, ['allowed_classes' => false]);
