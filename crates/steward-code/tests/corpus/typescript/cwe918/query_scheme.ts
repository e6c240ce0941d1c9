// expect: CWE-918
import express, { Request, Response } from "express";
const app = express();
const axios = require("axios");
app.post("/a/:q", async (req: Request, res: Response) => {
  const v = req.query.q;
  const q = "http://" + (v as string) + "/status";
  axios.get(q).then((r) => res.json(r.data));
});
