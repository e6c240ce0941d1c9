<?php // expect: safe CWE-611
$v = $_GET['q'];
$q = $v;
$dom = new DOMDocument();
$dom->loadXML($q);
