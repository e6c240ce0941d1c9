<?php // expect: safe CWE-621
foreach ($rows as $row) {
    extract($row, EXTR_SKIP);
    echo htmlspecialchars($title);
}
