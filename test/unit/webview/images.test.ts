import assert from "node:assert/strict";
import { ai, click, human, snapshot, usePage } from "./harness";

const PNG = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";

describe("chat webview: images", () => {
  const page = usePage();

  it("shows a checked inline image, offers a remote one as a link that goes to the host, and says when one is too large", () => {
    page().apply(
      snapshot({
        messages: [
          human("h", "What is this?", { images: [{ src: PNG }] }),
          ai("a", "A cat.", { images: [{ url: "https://tracker.example/pixel.png?id=1" }, { tooLarge: 2_400_000 }] }),
        ],
      }),
    );
    const img = page().$("[data-message-id=h] img.message-image") as HTMLImageElement;
    assert.equal(img.getAttribute("src"), PNG);
    assert.equal(page().$$("[data-message-id=a] img").length, 0, "a remote image gets no <img>");
    const link = page().$("[data-message-id=a] a.image-link");
    assert.match(link.textContent ?? "", /Open image: tracker\.example\/…\/pixel\.png/);
    click(page(), link);
    assert.deepEqual(page().posted.filter((m) => m.type === "openLink"), [{ type: "openLink", href: "https://tracker.example/pixel.png?id=1" }]);
    assert.match(page().$("[data-message-id=a] .image-refused").textContent ?? "", /2\.4 MB is over the 1\.5 MB limit/);
  });

  it("never puts a src on an <img> that the page's own check refuses, whatever the host sent", () => {
    page().apply(
      snapshot({
        messages: [
          ai("x", "", {
            images: [
              { src: "https://tracker.example/a.png" },
              { src: "data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=" },
              { src: 'data:image/png;base64,AAA" onerror="alert(1)' },
              { url: "javascript:alert(1)" },
            ],
          }),
        ],
      }),
    );
    assert.equal(page().$$("img").length, 0);
    assert.equal(page().$$("a.image-link").length, 0);
  });
});
