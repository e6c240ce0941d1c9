<?php // expect: safe CWE-601
$v = $_GET['q'];
header('Location: /home');
exit;
