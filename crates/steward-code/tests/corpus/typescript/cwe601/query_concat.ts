// expect: CWE-601
import express, { Request, Response } from "express";
const app = express();
app.post("/a/:q", async (req: Request, res: Response) => {
  const v = req.query.q;
  const q = (v as string) + "?from=login";
  res.redirect(q);
});
