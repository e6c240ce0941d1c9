<?php // expect: CWE-328
function register(PDO $pdo, string $user, string $password): void
{
    $hash = md5($password);
    $st = $pdo->prepare('INSERT INTO users (name, pass) VALUES (?, ?)');
    $st->execute([$user, $hash]);
}
