import assert from "node:assert/strict";
import { MAX_IMAGE_FILE_KB } from "../../../src/common/messageImages";
import { until } from "../../harness/wait";
import { click, keydown, openPage, snapshot, typeInto, usePage, type Page } from "./harness";

const PNG_BASE64 = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";
const PNG = `data:image/png;base64,${PNG_BASE64}`;

function file(page: Page, name: string, content: BlobPart, type: string): File {
  return new page.window.File([content], name, { type });
}

/** A paste of files into the composer's input, as the clipboard hands them to the page. */
function paste(page: Page, files: File[]): boolean {
  const event = new page.window.Event("paste", { bubbles: true, cancelable: true });
  Object.defineProperty(event, "clipboardData", { value: { files, types: ["Files"], getData: () => "" } });
  return page.$("textarea.composer-input").dispatchEvent(event);
}

function drop(page: Page, transfer: { files: File[]; uriList?: string }): boolean {
  const event = new page.window.Event("drop", { bubbles: true, cancelable: true });
  const types = [...(transfer.files.length ? ["Files"] : []), ...(transfer.uriList ? ["text/uri-list"] : [])];
  Object.defineProperty(event, "dataTransfer", { value: { files: transfer.files, types, getData: (type: string) => (type === "text/uri-list" ? (transfer.uriList ?? "") : "") } });
  return page.$(".composer").dispatchEvent(event);
}

const chips = (page: Page) => page.$$(".composer-attachments li.attachment");
const names = (page: Page) => page.$$(".composer-attachments .attachment-name").map((element) => element.textContent);

describe("chat webview bundle: composer attachments", () => {
  const page = usePage({ snapshot: { attachmentLimitKB: 1 } });

  it("a pasted image shows as a thumbnail, can be removed, and is sent as an image with the text", async () => {
    const input = page().$("textarea.composer-input") as HTMLTextAreaElement;
    typeInto(page(), input, "What is this?");
    assert.equal(paste(page(), [file(page(), "dot.png", Buffer.from(PNG_BASE64, "base64"), "image/png")]), false, "the paste is taken over");
    await until(() => chips(page()).length === 1);
    const thumbnail = page().$(".composer-attachments img.attachment-thumbnail");
    assert.equal(thumbnail.getAttribute("src"), PNG);
    assert.equal(thumbnail.getAttribute("alt"), "dot.png");
    assert.deepEqual(page().state?.attachments, [{ kind: "image", name: "dot.png", dataUrl: PNG }], "saved with the draft");

    click(page(), page().$(".composer-attachments .attachment-remove"));
    assert.equal(chips(page()).length, 0);
    assert.equal(page().$(".composer-attachments").hidden, true);
    assert.equal(page().state?.attachments, undefined);

    paste(page(), [file(page(), "dot.png", Buffer.from(PNG_BASE64, "base64"), "image/png")]);
    await until(() => chips(page()).length === 1);
    keydown(page(), input, { key: "Enter" });
    assert.deepEqual(page().posted, [{ type: "send", text: "What is this?", assistantId: "asst-1", attachments: [{ kind: "image", name: "dot.png", dataUrl: PNG }] }]);
    assert.equal(chips(page()).length, 0, "sent files leave the tray");
    assert.equal(input.value, "");
  });

  it("a file over the size limit is refused with a message; the text and the other files stay", async () => {
    const input = page().$("textarea.composer-input") as HTMLTextAreaElement;
    typeInto(page(), input, "Summarise these");
    drop(page(), { files: [file(page(), "notes.md", "# Notes\nsmall", "text/markdown")] });
    await until(() => chips(page()).length === 1);
    drop(page(), { files: [file(page(), "big.log", "x".repeat(2048), "text/plain")] });
    await until(() => !page().$(".composer-errors").hidden);
    assert.match(page().$(".composer-errors").textContent ?? "", /big\.log is 2 KB; files up to 1 KB can be attached/);
    assert.deepEqual(names(page()), ["notes.md"]);
    assert.equal(input.value, "Summarise these");
    assert.deepEqual(page().posted, []);

    click(page(), page().$("button.send-button"));
    assert.deepEqual(page().posted, [{ type: "send", text: "Summarise these", assistantId: "asst-1", attachments: [{ kind: "text", name: "notes.md", text: "# Notes\nsmall" }] }]);
  });

  it("an image alone can be sent; a binary file is refused; an SVG is attached as text, never as an <img>", async () => {
    const button = page().$("button.send-button") as HTMLButtonElement;
    assert.equal(button.disabled, true);
    drop(page(), {
      files: [
        file(page(), "tool.bin", new Uint8Array([0, 159, 146, 150, 0, 1]), "application/octet-stream"),
        file(page(), "logo.svg", '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"></svg>', "image/svg+xml"),
      ],
    });
    await until(() => chips(page()).length === 1 && !page().$(".composer-errors").hidden);
    assert.match(page().$(".composer-errors").textContent ?? "", /tool\.bin is not a text file or a PNG, JPEG, GIF or WebP image/);
    assert.equal(page().$$(".composer-attachments img").length, 0);
    assert.ok(page().$(".composer-attachments li").classList.contains("attachment--text"));
    assert.equal(button.disabled, false, "files alone can be sent");
    click(page(), button);
    assert.equal(page().posted.length, 1);
    const [sent] = page().posted;
    assert.ok(sent.type === "send" && sent.text === "" && sent.attachments?.[0].kind === "text");
  });

  it("Explorer files dropped as URIs go to the host to read; files it sends join the tray", () => {
    drop(page(), { files: [], uriList: "file:///work/project/notes.md\r\n# a comment\r\nfile:///work/project/dot.png" });
    assert.deepEqual(page().posted, [{ type: "attachFiles", uris: ["file:///work/project/notes.md", "file:///work/project/dot.png"] }]);
    page().apply({ type: "attach", attachments: [{ kind: "text", name: "notes.md", text: "hello" }, { kind: "image", name: "dot.png", dataUrl: PNG }] });
    assert.deepEqual(names(page()), ["notes.md", "dot.png"]);
  });

  it("a send the host gives back returns its files to the tray with the text", () => {
    page().apply({ type: "restoreDraft", text: "again", attachments: [{ kind: "image", name: "dot.png", dataUrl: PNG }] });
    assert.equal((page().$("textarea.composer-input") as HTMLTextAreaElement).value, "again");
    assert.deepEqual(names(page()), ["dot.png"]);
  });
});

describe("chat webview bundle: attachments survive the page being rebuilt", () => {
  it("files saved with the draft come back; malformed saved ones do not", async () => {
    const page = await openPage({
      state: {
        draft: "half typed",
        attachments: [
          { kind: "image", name: "dot.png", dataUrl: PNG },
          { kind: "image", name: "evil.png", dataUrl: "https://tracker.example/x.png" },
          { kind: "text", name: "notes.md", text: "hello" },
        ],
      },
    });
    try {
      page.apply(snapshot());
      assert.deepEqual(names(page), ["dot.png", "notes.md"]);
      assert.equal(page.$$(".composer-attachments img").length, 1);
      assert.deepEqual(page.errors, []);
    } finally {
      page.close();
    }
  });
});

describe("chat webview bundle: the image limit is what the chat shows, whatever the setting allows", () => {
  const page = usePage({ snapshot: { attachmentLimitKB: 10240 } });

  it("an image up to MAX_IMAGE_FILE_KB attaches and shows; one byte more is refused naming the images' limit; a larger text file still attaches", async () => {
    const largest = Buffer.alloc(MAX_IMAGE_FILE_KB * 1024, 7);
    paste(page(), [file(page(), "largest.png", largest, "image/png")]);
    await until(() => chips(page()).length === 1);
    assert.match(page().$(".composer-attachments img.attachment-thumbnail").getAttribute("src") ?? "", /^data:image\/png;base64,/, "shown as a thumbnail, not as too large");

    paste(page(), [file(page(), "over.png", Buffer.alloc(MAX_IMAGE_FILE_KB * 1024 + 1, 7), "image/png")]);
    await until(() => !page().$(".composer-errors").hidden);
    assert.match(page().$(".composer-errors").textContent ?? "", new RegExp(`over\\.png is ${(MAX_IMAGE_FILE_KB + 1).toLocaleString("en")} KB; images up to ${MAX_IMAGE_FILE_KB.toLocaleString("en")} KB can be attached`));

    drop(page(), { files: [file(page(), "big.log", "x".repeat(2 * 1024 * 1024), "text/plain")] });
    await until(() => chips(page()).length === 2);
    assert.deepEqual(names(page()), ["largest.png", "big.log"]);
  });
});
