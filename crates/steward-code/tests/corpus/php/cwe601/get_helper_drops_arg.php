<?php // expect: safe CWE-601
function label($x)
{
    return 'user';
}

$v = $_GET['q'];
$item = label($v);
$q = $item;
header('Location: ' . $q);
exit;
