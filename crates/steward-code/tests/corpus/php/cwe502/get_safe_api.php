<?php // expect: safe CWE-502
$v = $_GET['q'];
$obj = json_decode($v, true);
