// Reading lessons as a test sees them: the MDX files, their prose with the
// rendered expressions taken out, and their quizzes as plain structures.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

export interface LessonFile {
  /** The file name, "01-cost-spike-loop.mdx". */
  name: string;
  /** The slug the site serves it under, "cost-spike-loop". */
  slug: string;
  source: string;
}

const dir = "content/lessons";

export const lessons: LessonFile[] = readdirSync(dir)
  .filter((name) => /^\d\d-.*\.mdx$/.test(name))
  .sort()
  .map((name) => ({
    name,
    slug: name.replace(/^\d\d-/, "").replace(/\.mdx$/, ""),
    source: readFileSync(join(dir, name), "utf8"),
  }));

/** Removes what is not prose: frontmatter, imports, code, {expressions}. */
export function proseOf(source: string): string {
  let text = source.replace(/^---[\s\S]*?\n---\n/, "");
  // Imports and exports may span lines; each ends with a semicolon.
  text = text.replace(/^(import|export) [\s\S]*?;[ \t]*$/gm, "");
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

export interface QuizChoice {
  correct: boolean;
  /** The answer as MDX, its explanation removed. */
  answer: string;
  /** The explanation's MDX, or "" when the choice has none. */
  why: string;
}

export interface QuizBlock {
  id: string;
  choices: QuizChoice[];
}

/** The quizzes of a lesson's MDX, in order. */
export function quizzesOf(source: string): QuizBlock[] {
  const blocks = source.matchAll(/<Quiz\b([\s\S]*?)>([\s\S]*?)<\/Quiz>/g);
  return [...blocks].map(([, attributes = "", body = ""]) => ({
    id: /\bid="([^"]+)"/.exec(attributes)?.[1] ?? "",
    choices: [...body.matchAll(/<Choice\b([^>]*)>([\s\S]*?)<\/Choice>/g)].map(
      ([, flags = "", inner = ""]) => ({
        correct: /\bcorrect\b/.test(flags),
        answer: inner.replace(/<Why>[\s\S]*?<\/Why>/, "").trim(),
        why: /<Why>([\s\S]*?)<\/Why>/.exec(inner)?.[1]?.trim() ?? "",
      }),
    ),
  }));
}
