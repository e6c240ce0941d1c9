// expect: CWE-918
import express, { Request, Response } from "express";
const app = express();
const axios = require("axios");
app.post("/a/:q", async (req: Request, res: Response) => {
  const v: string = req.params.q;
  const q: string = v;
  axios.get(q).then((r) => res.json(r.data));
});
