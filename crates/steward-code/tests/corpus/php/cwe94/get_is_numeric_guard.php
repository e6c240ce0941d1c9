<?php // expect: safe CWE-94
$v = $_GET['q'];
if (!is_numeric($v)) {
    exit;
}
$item = $v;
$q = 'return ' . $item . ';';
$result = eval($q);
