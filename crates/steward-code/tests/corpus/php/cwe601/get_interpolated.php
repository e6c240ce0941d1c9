<?php // expect: CWE-601
$v = $_GET['q'];
$q = "{$v}?from=login";
header('Location: ' . $q);
exit;
