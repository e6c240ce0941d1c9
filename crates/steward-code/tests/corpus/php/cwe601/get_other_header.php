<?php // expect: safe CWE-601
$v = $_GET['q'];
$q = $v;
header('X-Trace: ' . bin2hex($q));
