<?php // expect: safe CWE-79
function clean($x)
{
    return htmlspecialchars($x, ENT_QUOTES, 'UTF-8');
}

$v = $_GET['q'];
$item = clean($v);
$q = "<p>Hello " . $item . "</p>";
echo $q;
