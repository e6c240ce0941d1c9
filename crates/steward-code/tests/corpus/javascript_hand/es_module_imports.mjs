// expect: CWE-22
import express from "express";
import { readFile } from "node:fs/promises";

const app = express();
app.get("/doc", async (req, res) => {
  const body = await readFile(`/srv/docs/${req.query.name}.md`, "utf8");
  res.type("text/plain").send(body);
});
