<?php // expect: safe CWE-601
$v = $_GET['q'];
$item = isset($_GET['q']) ? 'yes' : 'no';
$q = $item;
header('Location: ' . $q);
exit;
