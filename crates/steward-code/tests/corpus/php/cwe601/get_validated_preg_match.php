<?php // expect: safe CWE-601
$v = $_GET['q'];
if (!preg_match('/^[a-z0-9_]+$/i', $v)) {
    exit('invalid');
}
$item = $v;
$q = $item;
header('Location: ' . $q);
exit;
