<?php // expect: CWE-22
$v = $_GET['q'];
if (strlen($v) > 3) {
    $item = $v;
} else {
    $item = 'short';
}
$q = '/var/www/uploads/' . $item;
$data = file_get_contents($q);
