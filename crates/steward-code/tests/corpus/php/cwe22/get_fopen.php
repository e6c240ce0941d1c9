<?php // expect: CWE-22
$v = $_GET['q'];
$q = '/var/www/uploads/' . $v;
$h = fopen($q, 'r');
