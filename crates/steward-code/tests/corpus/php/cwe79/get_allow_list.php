<?php // expect: safe CWE-79
$v = $_GET['q'];
if (!in_array($v, ['daily', 'weekly'], true)) {
    die('bad');
}
$item = $v;
$q = "<p>Hello " . $item . "</p>";
echo $q;
