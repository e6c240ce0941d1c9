<?php // expect: safe CWE-94
$v = $_GET['q'];
if (!in_array($v, ['daily', 'weekly'], true)) {
    die('bad');
}
$item = $v;
$q = 'return ' . $item . ';';
$result = eval($q);
