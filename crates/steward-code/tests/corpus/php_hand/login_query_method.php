<?php // expect: CWE-89
class UserRepository
{
    private PDO $db;

    public function __construct(PDO $db)
    {
        $this->db = $db;
    }

    public function login(string $user, string $pass)
    {
        $sql = "SELECT * FROM users WHERE user = '$user' AND pass = '" . md5($pass) . "'";
        return $this->db->query($sql)->fetch();
    }
}

$repo = new UserRepository($pdo);
$repo->login($_POST['user'], $_POST['pass']);
