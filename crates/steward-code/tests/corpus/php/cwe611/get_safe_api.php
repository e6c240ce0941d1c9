<?php // expect: safe CWE-611
$v = $_GET['q'];
$doc = simplexml_load_string($v);
