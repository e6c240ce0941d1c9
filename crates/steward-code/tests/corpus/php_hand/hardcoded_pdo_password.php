<?php // expect: CWE-798
$pdo = new PDO('mysql:host=db;dbname=shop', 'shop', 'Sh0pP4ss!');
