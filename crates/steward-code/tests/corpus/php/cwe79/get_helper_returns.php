<?php // expect: CWE-79
function build($x)
{
    return "<p>Hello " . $x . "</p>";
}

$v = $_GET['q'];
$q = build($v);
echo $q;
