<?php // expect: CWE-79
?>
<form action="<?php echo $_SERVER['PHP_SELF']; ?>" method="post">
  <input name="q">
</form>
