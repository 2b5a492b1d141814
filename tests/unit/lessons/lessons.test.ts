import { describe, expect, test } from "vitest";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

const dir = "content/lessons";
const lessons = readdirSync(dir)
  .filter((name) => /^\d\d-.*\.mdx$/.test(name))
  .map((name) => ({ name, source: readFileSync(join(dir, name), "utf8") }));

/** Removes what is not prose: frontmatter, imports, code, {expressions}. */
export function proseOf(source: string): string {
  let text = source.replace(/^---[\s\S]*?\n---\n/, "");
  text = text.replace(/^(import|export) .*$/gm, "");
  text = text.replace(/```[\s\S]*?```/g, "");
  text = text.replace(/`[^`\n]*`/g, "");
  let prose = "";
  let depth = 0;
  for (const char of text) {
    if (char === "{") depth += 1;
    else if (char === "}") depth = Math.max(0, depth - 1);
    else if (depth === 0) prose += char;
  }
  return prose;
}

describe("proseOf(source)", () => {
  test("keeps prose and drops code, expressions and frontmatter", () => {
    const source =
      '---\ntitle: "$1"\n---\nimport x from "y";\nIt costs {formatUsd(a)} not `$2`.\n```ts\nconst c = "$3";\n```\nEnd $4.';
    expect(proseOf(source)).toBe("\nIt costs  not .\n\nEnd $4.");
  });
});

describe.each(lessons)("$name", ({ source }) => {
  test("types no dollar figure by hand: each one is rendered from the cost module", () => {
    const typed = proseOf(source).match(/\$\s?\d[\d,.]*/g) ?? [];
    expect(typed).toEqual([]);
  });

  test("has quizzes and a recap", () => {
    expect(source).toMatch(/<Quiz\b/);
    expect(source).toMatch(/<Recap\b/);
  });
});

test("quiz and prediction ids are unique across the guide", () => {
  const ids = lessons.flatMap(({ source }) =>
    [...source.matchAll(/<(?:Quiz|Predict)\b[^>]*\bid="([^"]+)"/g)].map((match) => match[1]),
  );
  expect(ids.length).toBeGreaterThan(0);
  expect(ids.length).toBe(new Set(ids).size);
});
