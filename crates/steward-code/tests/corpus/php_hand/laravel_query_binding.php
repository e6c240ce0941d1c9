<?php // expect: safe CWE-89
class ReportController
{
    public function index($request)
    {
        $status = $request->input('status');
        return DB::select('SELECT * FROM orders WHERE status = ?', [$status]);
    }
}
