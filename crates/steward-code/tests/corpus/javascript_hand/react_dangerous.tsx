// expect: CWE-79
import React from "react";

export function Comment() {
  const html = new URLSearchParams(window.location.search).get("c") ?? "";
  return <div className="comment" dangerouslySetInnerHTML={{ __html: html }} />;
}
