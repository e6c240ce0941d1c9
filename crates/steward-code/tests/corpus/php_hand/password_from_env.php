<?php // expect: safe CWE-798
$password = getenv('DB_PASSWORD');
$pdo = new PDO('mysql:host=db;dbname=shop', 'shop', $password);
$fieldName = 'password';
