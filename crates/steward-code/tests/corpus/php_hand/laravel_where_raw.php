<?php // expect: CWE-89
class ReportController
{
    public function index($request)
    {
        $sort = $request->input('sort');
        return DB::table('orders')->orderByRaw($sort)->get();
    }
}
