import assert from "node:assert/strict";
import { attachmentLimitKBFor, imagesOf, MAX_IMAGE_BYTES, MAX_IMAGE_FILE_KB } from "../../src/common/messageImages";
import { toMessageView } from "../../src/chat/messageViews";

const PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";

describe("images in message content", () => {
  it("an image attachment at its limit is still shown inline: the limit follows the render cap, the setting only lowers it", () => {
    for (const type of ["png", "jpeg", "gif", "webp"]) {
      const dataUrl = `data:image/${type};base64,${Buffer.alloc(MAX_IMAGE_FILE_KB * 1024, 255).toString("base64")}`;
      assert.ok(imagesOf([{ type: "image_url", image_url: { url: dataUrl } }])[0]?.src, type);
    }
    assert.equal(attachmentLimitKBFor(true, 10240), MAX_IMAGE_FILE_KB);
    assert.equal(attachmentLimitKBFor(true, 100), 100);
    assert.equal(attachmentLimitKBFor(false, 10240), 10240);
  });

  it("reads the block shapes providers use, inline as data URIs and remote as links", () => {
    const images = imagesOf([
      { type: "text", text: "Here:" },
      { type: "image_url", image_url: { url: `data:image/png;base64,${PNG}` } },
      { type: "image_url", image_url: "https://example.com/cat.png" },
      { type: "image", source_type: "base64", mime_type: "image/jpeg", data: PNG },
      { type: "image", source: { type: "base64", media_type: "image/webp", data: PNG } },
      { type: "image", url: "http://example.com/dog.gif" },
    ]);
    assert.deepEqual(images, [
      { src: `data:image/png;base64,${PNG}` },
      { url: "https://example.com/cat.png" },
      { src: `data:image/jpeg;base64,${PNG}` },
      { src: `data:image/webp;base64,${PNG}` },
      { url: "http://example.com/dog.gif" },
    ]);
  });

  it("drops what must not load: SVG, other schemes, malformed base64; says the size of one over the cap", () => {
    const big = "A".repeat(MAX_IMAGE_BYTES);
    assert.deepEqual(
      imagesOf([
        { type: "image_url", image_url: { url: "data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=" } },
        { type: "image", source_type: "base64", mime_type: "image/svg+xml", data: PNG },
        { type: "image_url", image_url: { url: "javascript:alert(1)" } },
        { type: "image_url", image_url: { url: "file:///etc/passwd" } },
        { type: "image_url", image_url: { url: 'data:image/png;base64,AAA" onerror="alert(1)' } },
        { type: "image", source_type: "base64", mime_type: "image/png", data: big },
      ]),
      [{ tooLarge: `data:image/png;base64,${big}`.length }],
    );
  });

  it("a message's view carries its images and its text without placeholders for them", () => {
    const view = toMessageView({ id: "m", type: "human", content: [{ type: "text", text: "What is this?" }, { type: "image_url", image_url: { url: `data:image/png;base64,${PNG}` } }] }, "m");
    assert.equal(view.content, "What is this?");
    assert.deepEqual(view.images, [{ src: `data:image/png;base64,${PNG}` }]);
  });
});
