// Every number a lesson types in its prose (a multiple, a fraction, a
// percentage) is either rendered from the cost module or listed here with a
// check against it: a price change that makes a sentence wrong fails here.
import { describe, expect, test } from "vitest";
import {
  batchDiscount,
  cacheSavings,
  cascadeBreakEven,
  cascadeCost,
  costOf,
  models,
  sessionCost,
  strongCost,
} from "cost";
import { lessons, proseOf } from "./prose";
import * as loopSession from "../../../content/snippets/cost-spike-loop/session";
import * as loopCascade from "../../../content/snippets/cost-spike-loop/cascade";
import * as loopCache from "../../../content/snippets/cost-spike-loop/cache";
import * as cuts from "../../../content/snippets/per-token-arithmetic/two-cuts";
import * as openai from "../../../content/snippets/per-token-arithmetic/openai-usage";
import { session as growthSession } from "../../../content/snippets/sessions-grow-quadratically/session";
import * as fixes from "../../../content/snippets/sessions-grow-quadratically/fixes";
import * as terms from "../../../content/snippets/sessions-grow-quadratically/three-terms";
import * as reasoning from "../../../content/snippets/going-further/reasoning";
import * as batch from "../../../content/snippets/going-further/batch";

const sonnet = models["claude-sonnet-4.5"];
const haiku = models["claude-haiku-4.5"];
const ratio = (model: typeof sonnet, rate: "cacheWrite5m" | "cacheWrite1h" | "cacheRead") =>
  model[rate] / model.input;

interface Claim {
  /** Words of the prose, as it reads with rendered figures taken out. */
  says: string;
  check: () => void;
}

const sonnetReadsATenth = () => expect(ratio(sonnet, "cacheRead")).toBeCloseTo(0.1, 12);

/** Sessions of lesson 3: the 30-turn chat and the same chat over 60 turns. */
const short = sessionCost(growthSession);
const long = sessionCost({ ...growthSession, turns: growthSession.turns * 2 });
const doublesLinearTerms = () => {
  const noHistory = { ...growthSession, growthTokensPerTurn: 0 };
  const twice = sessionCost({ ...noHistory, turns: noHistory.turns * 2 });
  expect(twice.costNanos).toBe(2n * sessionCost(noHistory).costNanos);
};
const historyMoreThanFourfold = () => {
  const history = (turns: number) => (turns * (turns - 1)) / 2;
  const n = growthSession.turns;
  expect(history(2 * n) / history(n)).toBeGreaterThan(4);
  expect(long.cost / short.cost).toBeGreaterThan(2);
  expect(long.cost / short.cost).toBeLessThan(4);
};

const claims: Record<string, Claim[]> = {
  "cost-spike-loop": [
    {
      says: "Turn t sends 4,000 + 600 × (t − 1) tokens",
      check: () => {
        expect(loopSession.chat.prefixTokens).toBe(4_000);
        expect(loopSession.chat.growthTokensPerTurn).toBe(600);
      },
    },
    {
      says: "Haiku costs a fifth of Opus here, which makes 0.2 look like the line",
      check: () => expect(loopCascade.cheapPerJob / loopCascade.strongPerJob).toBeCloseTo(0.2, 12),
    },
    {
      says: "writes it at 1.25 times the input price; every later turn reads it at a tenth",
      check: () => {
        expect(ratio(sonnet, "cacheWrite5m")).toBe(1.25);
        sonnetReadsATenth();
      },
    },
    {
      says: "The premium is a quarter of one turn's prefix price, and each read saves nine tenths of one",
      check: () => {
        expect(ratio(sonnet, "cacheWrite5m") - 1).toBe(0.25);
        expect(1 - ratio(sonnet, "cacheRead")).toBeCloseTo(0.9, 12);
      },
    },
    {
      says: "Two turns cost 1.25 + 0.1 = 1.35 times one turn's prefix price cached, against 2 times uncached",
      check: () => {
        const [, two] = loopCache.firstTurns;
        expect(two!.cached / (two!.uncached / 2)).toBeCloseTo(1.35, 12);
      },
    },
    {
      says: "A prefix re-sent twice within the cache's lifetime already pays",
      check: () => expect(loopCache.savings.breakEvenTurn).toBe(2),
    },
  ],
  "per-token-arithmetic": [
    {
      says: "trim the prompt by a fifth, say by retrieving one document fewer, or ask for answers half as long",
      check: () => {
        expect(cuts.trimmedPrompt.inputTokens / cuts.today.inputTokens).toBe(0.8);
        expect(cuts.shorterAnswers.outputTokens / cuts.today.outputTokens).toBe(0.5);
      },
    },
    {
      says: "adding the cached count counts 8,000 of them twice",
      check: () => {
        const cached = openai.response.usage.prompt_tokens_details.cached_tokens;
        expect(cached).toBe(8_000);
        expect(openai.doubleCounted).toBeGreaterThan(openai.billed);
      },
    },
  ],
  "sessions-grow-quadratically": [
    { says: "Twice as much: twice the turns", check: () => expect(long.turns).toHaveLength(60) },
    { says: "they go from and to twice that", check: doublesLinearTerms },
    { says: "the prefix and output only double", check: doublesLinearTerms },
    { says: "Four times as much: the square of 2", check: historyMoreThanFourfold },
    { says: "a little more than fourfold", check: historyMoreThanFourfold },
    { says: "of the bill at turns, only double", check: doublesLinearTerms },
    {
      says: "Ask for answers half as long",
      check: () => {
        const halved = sessionCost({ ...growthSession, outputTokensPerTurn: 200 }).cost;
        expect(growthSession.outputTokensPerTurn).toBe(400);
        expect(fixes.shorterAnswers).toBe(halved);
      },
    },
    { says: "at a tenth of the price", check: sonnetReadsATenth },
    {
      says: "twice the turns costs more than twice as much, and nearly four times when the history dominates",
      check: () => {
        historyMoreThanFourfold();
        expect(terms.historyCost / terms.total).toBeGreaterThan(0.5);
      },
    },
  ],
  "prompt-caching": [
    {
      says: "three cost + 2 × = , well under 3",
      check: () =>
        expect(ratio(sonnet, "cacheWrite1h") + 2 * ratio(sonnet, "cacheRead")).toBeLessThan(3),
    },
    {
      says: "Around the tenth: the write costs",
      check: () =>
        expect(
          cacheSavings({ model: sonnet.id, prefixTokens: 20_000, turns: 10, ttl: "1h" })
            .breakEvenTurn,
        ).toBe(3),
    },
    { says: "reads are a tenth of the price", check: sonnetReadsATenth },
    {
      says: "reads cost a tenth of the input price",
      check: () => expect(ratio(haiku, "cacheRead")).toBeCloseTo(0.1, 12),
    },
  ],
  "routing-and-cascades": [
    {
      says: "50%: past half, most jobs pay for two models",
      check: () => {
        const job = { cheap: haiku.id, strong: sonnet.id, inputTokens: 1_000, outputTokens: 500 };
        expect(cascadeBreakEven(job)).toBeGreaterThan(0.5);
      },
    },
    {
      says: "Paying for two models on half the jobs still costs less than Sonnet on all of them: at 50% the cascade",
      check: () => {
        const job = { cheap: haiku.id, strong: sonnet.id, inputTokens: 1_000, outputTokens: 500 };
        expect(cascadeCost(0.5, job)).toBeLessThan(strongCost(job));
      },
    },
    {
      says: "often two thirds or more",
      check: () => {
        const job = { cheap: haiku.id, inputTokens: 1_000, outputTokens: 500 };
        expect(cascadeBreakEven({ ...job, strong: sonnet.id })).toBeGreaterThanOrEqual(2 / 3);
        expect(cascadeBreakEven({ ...job, strong: "claude-opus-4.5" })).toBeGreaterThan(2 / 3);
      },
    },
  ],
  "going-further": [
    {
      says: "which answer within a day at half price",
      check: () => {
        expect(batchDiscount[haiku.provider]).toBe(0.5);
        expect(batch.batched * 2).toBe(batch.interactive);
      },
    },
    {
      says: "counts them once, never twice",
      check: () => {
        const { prompt_tokens, completion_tokens } = reasoning.response.usage;
        expect(reasoning.billed).toBe(
          costOf({ inputTokens: prompt_tokens, outputTokens: completion_tokens }, "gpt-5"),
        );
      },
    },
  ],
};

/** Multiples, fractions and percentages typed as words or digits. */
const TYPED_NUMBER =
  /\d[\d,.]*\s?(%|×|times\b|percent\b)|\b(a tenth|tenths?|a fifth|a quarter|a third|two thirds|half|twice|double|fourfold|four times|five times)\b/gi;

/** Prose with its white space folded, so claims can span lines. */
const folded = (source: string) => proseOf(source).replace(/\s+/g, " ");

describe.each(lessons)("$name", ({ slug, source }) => {
  const prose = folded(source);
  const listed = claims[slug] ?? [];

  test("every typed multiple, fraction or percentage is a listed claim", () => {
    const covered = listed.flatMap(({ says }) => {
      const spans: [number, number][] = [];
      for (let at = prose.indexOf(says); at >= 0; at = prose.indexOf(says, at + 1)) {
        spans.push([at, at + says.length]);
      }
      return spans;
    });
    const unlisted = [...prose.matchAll(TYPED_NUMBER)]
      .filter(({ index }) => !covered.some(([start, end]) => index >= start && index < end))
      .map(({ index, 0: match }) => `"${match}" in "…${prose.slice(index - 40, index + 30)}…"`);
    expect(unlisted).toEqual([]);
  });

  test.each(listed)('says "$says", and the cost module agrees', ({ says, check }) => {
    expect(prose).toContain(says);
    check();
  });
});
