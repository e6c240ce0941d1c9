<?php // expect: safe CWE-328
function register(PDO $pdo, string $user, string $password): void
{
    $hash = password_hash($password, PASSWORD_DEFAULT);
    $etag = md5($user);
    $st = $pdo->prepare('INSERT INTO users (name, pass, etag) VALUES (?, ?, ?)');
    $st->execute([$user, $hash, $etag]);
}
