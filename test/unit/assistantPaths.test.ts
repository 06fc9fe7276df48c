import * as assert from "node:assert/strict";
import { assistantPath, fileNameOf, newAssistantPath, parseAssistantPath } from "../../src/assistants/assistantPaths";

describe("assistant document paths", () => {
  const id = "01a21571-7123-75c1-8194-4d605a5bb46e";

  it("titles an assistant's document by its name and reads the id back", () => {
    assert.equal(assistantPath(id, "Ada's OpenAI agent"), `/${id}/Ada's OpenAI agent.json`);
    assert.deepEqual(parseAssistantPath(assistantPath(id, "Ada's OpenAI agent")), { kind: "existing", assistantId: id });
  });

  it("reads the id-only form and new documents per graph", () => {
    assert.deepEqual(parseAssistantPath(assistantPath(id)), { kind: "existing", assistantId: id });
    assert.deepEqual(parseAssistantPath(newAssistantPath("my graph/v2")), { kind: "new", graphId: "my graph/v2" });
  });

  it("refuses paths that are neither", () => {
    for (const path of ["/", "/new", "/new/echo.txt", `/${id}/a/b.json`, `/${id}.txt`, "/new/x/y.json"]) {
      assert.equal(parseAssistantPath(path), undefined, path);
    }
  });

  it("makes any name one safe segment", () => {
    assert.equal(fileNameOf("a/b\\c:d*e?f\"g<h>i|j"), "a_b_c_d_e_f_g_h_i_j");
    assert.equal(fileNameOf("evil\u202egnp.exe"), "evilgnp.exe", "bidi overrides cannot reverse what the tab shows");
    assert.equal(fileNameOf("line\nbreak\u0000"), "linebreak");
    assert.equal(fileNameOf("../../etc"), "_.._etc");
    assert.equal(fileNameOf("   "), "assistant");
    assert.equal(fileNameOf("x".repeat(200)).length, 60);
    assert.deepEqual(parseAssistantPath(assistantPath(id, "a/b/../c")), { kind: "existing", assistantId: id });
  });
});
