<?php // expect: CWE-918
$v = filter_input(INPUT_GET, 'q');
$q = $v;
$ch = curl_init($q);
curl_exec($ch);
