<?php // expect: CWE-489
ini_set('display_errors', '1');
error_reporting(E_ALL);
require __DIR__ . '/app.php';
