<?php // expect: safe CWE-79
$title = $_GET['title'] ?? 'Untitled';
$safe = htmlspecialchars($title, ENT_QUOTES, 'UTF-8');
?>
<!doctype html>
<html>
<head><title><?= $safe ?></title></head>
<body>
<h1><?php echo $safe; ?></h1>
<p>Page <?= (int) ($_GET['page'] ?? 1) ?></p>
</body>
</html>
