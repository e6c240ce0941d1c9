<?php // expect: CWE-22
$v = $_REQUEST['q'];
$q = '/var/www/uploads/' . $v;
$data = file_get_contents($q);
