<?php // expect: CWE-601
$v = filter_input(INPUT_GET, 'q');
$q = $v;
header('Location: ' . $q);
exit;
