// expect: safe CWE-79
import React from "react";

export function Comment() {
  const text = new URLSearchParams(window.location.search).get("c") ?? "";
  return <div className="comment">{text}</div>;
}
