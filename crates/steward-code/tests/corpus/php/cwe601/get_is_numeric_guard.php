<?php // expect: safe CWE-601
$v = $_GET['q'];
if (!is_numeric($v)) {
    exit;
}
$item = $v;
$q = $item;
header('Location: ' . $q);
exit;
