<?php // expect: CWE-79
$title = $_GET['title'] ?? 'Untitled';
?>
<!doctype html>
<html>
<head><title><?= $title ?></title></head>
<body>
<h1><?php echo $title; ?></h1>
</body>
</html>
