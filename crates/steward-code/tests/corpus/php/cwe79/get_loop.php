<?php // expect: CWE-79
$v = $_GET['q'];
$item = '';
foreach ([$v, 'x'] as $part) {
    $item = $part;
}
$q = "<p>Hello " . $item . "</p>";
echo $q;
