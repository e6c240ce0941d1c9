<?php // expect: safe CWE-94
$v = $_GET['q'];
$result = json_decode($v, true);
