<?php // expect: CWE-502
$v = filter_input(INPUT_GET, 'q');
$q = $v;
$obj = unserialize($q);
