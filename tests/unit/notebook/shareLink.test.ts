import { deflateRawSync } from "node:zlib";
import { describe, expect, test } from "vitest";
import {
  makeShareHash,
  MAX_PAYLOAD_CHARS,
  readShareHash,
  shareHash,
} from "../../../src/notebook/shareLink";

const CODE =
  'import { costOf } from "cost";\n// naïve estimate 💸\nexport const usd = costOf({ model: "gpt-5", usage: { prompt_tokens: 1000, completion_tokens: 10 } });\n';

function base64url(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString("base64url");
}

describe("shareHash(snippetId, code) and readShareHash(hash)", () => {
  test("round-trips code, Unicode included, in a compact hash", async () => {
    const hash = await shareHash("first-bill", CODE);
    expect(hash).toMatch(/^#share\/v1\/first-bill\/[A-Za-z0-9_-]+$/);
    await expect(readShareHash(hash)).resolves.toEqual({
      kind: "edit",
      snippetId: "first-bill",
      code: CODE,
    });
    const long = CODE.repeat(50);
    expect((await shareHash("s", long)).length).toBeLessThan(long.length / 5);
  });

  test("a hash that is not a share link is none of its business", async () => {
    await expect(readShareHash("")).resolves.toEqual({ kind: "none" });
    await expect(readShareHash("#read-the-call-site")).resolves.toEqual({ kind: "none" });
  });

  test.each([
    ["bad characters", "#share/v1/s/@@@"],
    ["a truncated payload", "TRUNCATED"],
    [
      "bytes that are not deflate",
      `#share/v1/s/${base64url(new Uint8Array([255, 255, 255, 255]))}`,
    ],
    [
      "deflate of bytes that are not UTF-8",
      `#share/v1/s/${base64url(deflateRawSync(Buffer.from([0xff, 0xfe])))}`,
    ],
    ["a missing snippet id", "#share/v1//AAAA"],
    ["extra parts", "#share/v1/s/AAAA/more"],
  ])("%s is reported as a damaged link", async (_, hash) => {
    let target = hash;
    if (hash === "TRUNCATED") {
      const full = await shareHash("s", CODE.repeat(10));
      target = full.slice(0, Math.floor(full.length * 0.7));
    }
    const read = await readShareHash(target);
    expect(read.kind).toBe("invalid");
    expect(read.kind === "invalid" && read.message).toMatch(/damaged/);
  });

  test("an oversized payload is refused before it is unpacked", async () => {
    const read = await readShareHash(`#share/v1/s/${"A".repeat(MAX_PAYLOAD_CHARS + 4)}`);
    expect(read).toMatchObject({ kind: "invalid", snippetId: "s" });
    expect(read.kind === "invalid" && read.message).toMatch(/too long/);
  });

  test("a small payload that unpacks to too much (a zip bomb) is refused", async () => {
    const bomb = base64url(deflateRawSync(Buffer.alloc(5_000_000, 32)));
    expect(bomb.length).toBeLessThan(MAX_PAYLOAD_CHARS);
    const read = await readShareHash(`#share/v1/s/${bomb}`);
    expect(read.kind === "invalid" && read.message).toMatch(/more code than a snippet can hold/);
  });

  test("another format version says so", async () => {
    const read = await readShareHash("#share/v2/s/AAAA");
    expect(read.kind === "invalid" && read.message).toMatch(/another version of Crux \(v2\)/);
  });
});

describe("makeShareHash(snippetId, code)", () => {
  test("gives the same hash as shareHash when the link fits", async () => {
    await expect(makeShareHash("first-bill", CODE)).resolves.toEqual({
      kind: "hash",
      hash: await shareHash("first-bill", CODE),
    });
  });

  test("refuses code whose link a recipient would turn away, saying why", async () => {
    // Text that deflate cannot shrink: 60,000 characters of a fixed pseudo-random mix.
    let seed = 7;
    const noise = Array.from({ length: 60_000 }, () => {
      // xorshift32, in 32-bit integers throughout.
      seed ^= seed << 13;
      seed ^= seed >>> 17;
      seed ^= seed << 5;
      return String.fromCharCode(33 + ((seed >>> 0) % 90));
    }).join("");
    const made = await makeShareHash("s", noise);
    expect(made.kind).toBe("too-long");
    if (made.kind !== "too-long") return;
    expect(made.payloadChars).toBeGreaterThan(MAX_PAYLOAD_CHARS);
    expect(made.message).toMatch(/too long to share in a link.*32,000/);
    // The check matches what a recipient does with such a link.
    const read = await readShareHash(await shareHash("s", noise));
    expect(read.kind === "invalid" && read.message).toMatch(/too long/);
  });
});
