<?php // expect: CWE-621
extract($_GET);
if ($is_admin) {
    show_admin_panel();
}
