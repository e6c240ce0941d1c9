<?php // expect: CWE-601
$v = $_GET['q'];
if (strlen($v) > 3) {
    $item = $v;
} else {
    $item = 'short';
}
$q = $item;
header('Location: ' . $q);
exit;
