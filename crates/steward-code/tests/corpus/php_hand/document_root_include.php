<?php // expect: safe CWE-98
require_once $_SERVER['DOCUMENT_ROOT'] . '/config/settings.php';
include __DIR__ . '/partials/header.php';
