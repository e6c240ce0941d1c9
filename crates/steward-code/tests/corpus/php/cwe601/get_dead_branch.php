<?php // expect: safe CWE-601
$v = $_GET['q'];
$item = 'admin';
if (false) {
    $item = $v;
}
$q = $item;
header('Location: ' . $q);
exit;
