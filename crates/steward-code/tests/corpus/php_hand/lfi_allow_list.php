<?php // expect: safe CWE-98
$allowed = ['en', 'fr', 'de'];
$lang = $_COOKIE['lang'] ?? 'en';
if (!in_array($lang, $allowed, true)) {
    $lang = 'en';
}
require "lang/{$lang}.php";
