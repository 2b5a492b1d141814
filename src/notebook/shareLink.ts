/**
 * Share links: a snippet edit compressed (deflate-raw) and base64url-coded
 * into the page address's hash, as `#share/v1/<snippet id>/<payload>`.
 * Opening one shows the code in its cell, ready to run; it never runs by
 * itself. Links are data from strangers: every failure is a message.
 */

const PREFIX = "#share/";
const VERSION = "v1";
/** Longest payload accepted, in base64url characters (32,000). */
export const MAX_PAYLOAD_CHARS = 32_000;
/** Longest code a link may unpack to, in UTF-8 bytes (200,000). */
export const MAX_SHARED_BYTES = 200_000;

export type SharedEdit =
  | { kind: "none" }
  | { kind: "edit"; snippetId: string; code: string }
  | { kind: "invalid"; snippetId: string | null; message: string };

const brokenLink =
  "This share link is damaged: part of it may have been cut off when it was copied. " +
  "Ask for the link again, or copy all of it.";

function bytesToBase64url(bytes: Uint8Array): string {
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function base64urlToBytes(text: string): Uint8Array | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) return null;
  const padded =
    text.replace(/-/g, "+").replace(/_/g, "/") + "=".repeat((4 - (text.length % 4)) % 4);
  try {
    return Uint8Array.from(atob(padded), (char) => char.charCodeAt(0));
  } catch {
    return null;
  }
}

async function transform(bytes: Uint8Array, stream: GenericTransformStream, limit: number) {
  const reader = new Blob([bytes as BlobPart]).stream().pipeThrough(stream).getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > limit) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}

/**
 * The hash (with its "#") that carries `code` for snippet `snippetId`. It
 * may be longer than a recipient accepts: `makeShareHash` checks that.
 */
export async function shareHash(snippetId: string, code: string): Promise<string> {
  const bytes = new TextEncoder().encode(code);
  const packed = await transform(bytes, new CompressionStream("deflate-raw"), Infinity);
  return `${PREFIX}${VERSION}/${snippetId}/${bytesToBase64url(packed ?? new Uint8Array())}`;
}

/** A share link's hash, or why the code cannot travel in one. */
export type ShareHashResult =
  { kind: "hash"; hash: string } | { kind: "too-long"; payloadChars: number; message: string };

/**
 * `shareHash`, refused when its payload would pass MAX_PAYLOAD_CHARS: a
 * recipient's `readShareHash` would turn that link away, so none is made.
 */
export async function makeShareHash(snippetId: string, code: string): Promise<ShareHashResult> {
  const hash = await shareHash(snippetId, code);
  const payloadChars = hash.length - hash.lastIndexOf("/") - 1;
  if (payloadChars <= MAX_PAYLOAD_CHARS) return { kind: "hash", hash };
  const limit = MAX_PAYLOAD_CHARS.toLocaleString("en-US");
  return {
    kind: "too-long",
    payloadChars,
    message:
      `This edit is too long to share in a link: packed, it takes ${payloadChars.toLocaleString("en-US")} ` +
      `characters, and a link may carry ${limit}. Shorten the code, or copy it with Copy and send it.`,
  };
}

/** Reads a page hash: no share link, a shared edit, or why it cannot be used. */
export async function readShareHash(hash: string): Promise<SharedEdit> {
  if (!hash.startsWith(PREFIX)) return { kind: "none" };
  const [version, snippetId, payload, ...rest] = hash.slice(PREFIX.length).split("/");
  if (version !== VERSION) {
    return {
      kind: "invalid",
      snippetId: null,
      message: `This share link was made by another version of Crux (${version || "none"}), so it cannot be opened here.`,
    };
  }
  if (!snippetId || !/^[\w-]{1,100}$/.test(snippetId) || payload === undefined || rest.length > 0) {
    return { kind: "invalid", snippetId: null, message: brokenLink };
  }
  if (payload.length > MAX_PAYLOAD_CHARS) {
    return {
      kind: "invalid",
      snippetId,
      message: "This share link is too long to be a snippet edit, so it was not opened.",
    };
  }
  const bytes = base64urlToBytes(payload);
  if (!bytes) return { kind: "invalid", snippetId, message: brokenLink };
  let unpacked: Uint8Array | null;
  try {
    unpacked = await transform(bytes, new DecompressionStream("deflate-raw"), MAX_SHARED_BYTES);
  } catch {
    return { kind: "invalid", snippetId, message: brokenLink };
  }
  if (!unpacked) {
    return {
      kind: "invalid",
      snippetId,
      message:
        "This share link unpacks to more code than a snippet can hold, so it was not opened.",
    };
  }
  try {
    const code = new TextDecoder("utf-8", { fatal: true }).decode(unpacked);
    return { kind: "edit", snippetId, code };
  } catch {
    return { kind: "invalid", snippetId, message: brokenLink };
  }
}
