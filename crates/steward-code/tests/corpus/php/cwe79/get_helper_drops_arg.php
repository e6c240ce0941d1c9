<?php // expect: safe CWE-79
function label($x)
{
    return 'user';
}

$v = $_GET['q'];
$item = label($v);
$q = "<p>Hello " . $item . "</p>";
echo $q;
