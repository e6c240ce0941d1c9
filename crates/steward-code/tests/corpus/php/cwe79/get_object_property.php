<?php // expect: CWE-79
$v = $_GET['q'];
$box = new stdClass();
$box->item = $v;
$q = "<p>Hello " . $box->item . "</p>";
echo $q;
