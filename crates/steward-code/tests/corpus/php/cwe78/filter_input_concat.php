<?php // expect: CWE-78
$v = filter_input(INPUT_GET, 'q');
$q = "ping -c 1 " . $v;
system($q);
