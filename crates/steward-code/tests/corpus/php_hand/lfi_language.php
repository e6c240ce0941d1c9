<?php // expect: CWE-98
$lang = $_COOKIE['lang'] ?? 'en';
require "lang/{$lang}.php";
