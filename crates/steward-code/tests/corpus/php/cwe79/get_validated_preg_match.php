<?php // expect: safe CWE-79
$v = $_GET['q'];
if (!preg_match('/^[a-z0-9_]+$/i', $v)) {
    exit('invalid');
}
$item = $v;
$q = "<p>Hello " . $item . "</p>";
echo $q;
