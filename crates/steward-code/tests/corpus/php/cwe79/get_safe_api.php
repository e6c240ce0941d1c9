<?php // expect: safe CWE-79
$v = $_GET['q'];
echo htmlentities($v, ENT_QUOTES);
