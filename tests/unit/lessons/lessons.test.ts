import { describe, expect, test } from "vitest";
import { lessons, proseOf, quizzesOf } from "./prose";

describe("proseOf(source)", () => {
  test("keeps prose and drops code, expressions, imports and frontmatter", () => {
    const source =
      '---\ntitle: "$1"\n---\nimport x from "y";\nexport const f = (a) =>\n  a * 2;\n' +
      'It costs {formatUsd(a)} not `$2`.\n```ts\nconst c = "$3";\n```\nEnd $4.';
    expect(proseOf(source)).toBe("\n\nIt costs  not .\n\nEnd $4.");
  });
});

describe("quizzesOf(source)", () => {
  test("reads each choice's answer, explanation and whether it is the right one", () => {
    const source =
      '<Quiz id="q" question="?">\n<Choice>A <Why>Tempting, but no.</Why></Choice>\n' +
      "<Choice correct>B\n<Why>Right. 1 + 1 = 2.</Why>\n</Choice>\n</Quiz>";
    expect(quizzesOf(source)).toEqual([
      {
        id: "q",
        choices: [
          { correct: false, answer: "A", why: "Tempting, but no." },
          { correct: true, answer: "B", why: "Right. 1 + 1 = 2." },
        ],
      },
    ]);
  });
});

describe.each(lessons)("$name", ({ source }) => {
  test("types no dollar figure by hand: each one is rendered from the cost module", () => {
    const typed = proseOf(source).match(/\$\s?\d[\d,.]*/g) ?? [];
    expect(typed).toEqual([]);
  });

  test("has editable snippets, quizzes, and a recap after the last quiz", () => {
    expect(source).toMatch(/<Snippet\b/);
    expect(source).toMatch(/<Quiz\b/);
    const recap = source.indexOf("<Recap");
    expect(recap).toBeGreaterThan(source.lastIndexOf("</Quiz>"));
  });

  test("places at least one widget or race", () => {
    const widgets = source.match(
      /<(PricingSliders|SessionGrowth|CacheSavings|CascadeBreakEven|RaceWidget)\b/g,
    );
    expect(widgets?.length ?? 0).toBeGreaterThan(0);
  });

  describe.each(quizzesOf(source))("quiz $id", ({ choices }) => {
    test("has one right answer among at least three", () => {
      expect(choices.length).toBeGreaterThanOrEqual(3);
      expect(choices.filter((choice) => choice.correct)).toHaveLength(1);
    });

    test("explains every choice, each in its own words", () => {
      for (const choice of choices) expect(choice.why.length).toBeGreaterThan(60);
      expect(new Set(choices.map((choice) => choice.why)).size).toBe(choices.length);
    });

    test("says why the right answer is right, with the arithmetic", () => {
      const right = choices.find((choice) => choice.correct)!;
      expect(right.why).toMatch(/^Right\b/);
      // A figure rendered from the cost module, or one typed and checked in
      // claims.test.ts.
      expect(right.why).toMatch(/\{[^}]+\}|\d/);
    });
  });
});

test("quiz and prediction ids are unique across the guide", () => {
  const ids = lessons.flatMap(({ source }) =>
    [...source.matchAll(/<(?:Quiz|Predict)\b[^>]*\bid="([^"]+)"/g)].map((match) => match[1]),
  );
  expect(ids.length).toBeGreaterThan(0);
  expect(ids.length).toBe(new Set(ids).size);
});

describe("lesson 1, the cost-spike loop", () => {
  const { source } = lessons.find((lesson) => lesson.slug === "cost-spike-loop")!;

  test("is the whole method at Senior level in about 14 minutes", () => {
    expect(source).toMatch(/^level: Senior$/m);
    expect(source).toMatch(/^minutes: 14$/m);
  });

  test("has the four snippets and four quizzes of the loop, then the recap", () => {
    const snippets = [...source.matchAll(/<Snippet\b[^>]*\bsrc="([^"]+)"/g)].map((m) => m[1]);
    expect(snippets).toEqual([
      "cost-spike-loop/session.ts",
      "budget/naive-guard.ts",
      "cost-spike-loop/cascade.ts",
      "cost-spike-loop/cache.ts",
    ]);
    expect(quizzesOf(source).map((quiz) => quiz.id)).toEqual([
      "loop-session",
      "loop-race",
      "loop-cascade",
      "loop-cache",
    ]);
    expect(source.trimEnd()).toMatch(/<\/Recap>$/);
  });

  test("prices the usage object it shows, not other numbers", () => {
    const json = /```json\n([\s\S]*?)```/.exec(source)![1]!;
    const { usage } = JSON.parse(json) as { usage: Record<string, number> };
    const call = /export const call = \{ input_tokens: ([\d_]+), output_tokens: ([\d_]+) \}/.exec(
      source,
    )!;
    expect([usage.input_tokens, usage.output_tokens]).toEqual(
      [call[1], call[2]].map((n) => Number(n!.replace(/_/g, ""))),
    );
  });
});
