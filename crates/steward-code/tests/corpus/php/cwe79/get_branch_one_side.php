<?php // expect: CWE-79
$v = $_GET['q'];
if (strlen($v) > 3) {
    $item = $v;
} else {
    $item = 'short';
}
$q = "<p>Hello " . $item . "</p>";
echo $q;
