// expect: CWE-918
export async function preview(req: any, res: any) {
  const target: string = req.body.url;
  const page = await fetch(target);
  res.json({ status: page.status });
}
