<?php // expect: CWE-601
function build($x)
{
    return $x;
}

$v = $_GET['q'];
$q = build($v);
header('Location: ' . $q);
exit;
