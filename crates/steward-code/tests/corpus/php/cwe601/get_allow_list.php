<?php // expect: safe CWE-601
$v = $_GET['q'];
if (!in_array($v, ['daily', 'weekly'], true)) {
    die('bad');
}
$item = $v;
$q = $item;
header('Location: ' . $q);
exit;
