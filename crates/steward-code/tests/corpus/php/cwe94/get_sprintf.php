<?php // expect: CWE-94
$v = $_GET['q'];
$q = sprintf('return %s;', $v);
$result = eval($q);
