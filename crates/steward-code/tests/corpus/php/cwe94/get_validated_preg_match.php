<?php // expect: safe CWE-94
$v = $_GET['q'];
if (!preg_match('/^[a-z0-9_]+$/i', $v)) {
    exit('invalid');
}
$item = $v;
$q = 'return ' . $item . ';';
$result = eval($q);
