<?php // expect: CWE-98
$v = $_GET['q'];
$q = sprintf('pages/%s.php', $v);
include $q;
