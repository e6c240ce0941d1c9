<?php // expect: CWE-918
$v = $_GET['q'];
$q = $v;
$h = get_headers($q);
