<?php // expect: safe CWE-489
ini_set('display_errors', '0');
ini_set('log_errors', '1');
error_reporting(E_ALL);
