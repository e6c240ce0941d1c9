<?php // expect: safe CWE-79
$v = $_GET['q'];
if (!is_numeric($v)) {
    exit;
}
$item = $v;
$q = "<p>Hello " . $item . "</p>";
echo $q;
