import { costBreakdown, sumUsd, type CostTermName } from "cost";

// A week of usage records from one product, summed per day and call site,
// as a billing export gives them. Find the day the bill jumped, and the
// one term of one call site that explains it.
type Row = { day: string; site: string; model: string; requests: number };
type Tokens = { input: number; write: number; read: number; output: number };

const days = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
const sites: (Omit<Row, "day"> & { perRequest: Tokens })[] = [
  {
    site: "chat",
    model: "claude-sonnet-4.5",
    requests: 4_000,
    perRequest: { input: 900, write: 600, read: 14_000, output: 450 },
  },
  {
    site: "summarize",
    model: "claude-haiku-4.5",
    requests: 6_000,
    perRequest: { input: 3_000, write: 0, read: 0, output: 300 },
  },
  {
    site: "agent",
    model: "claude-opus-4.5",
    requests: 300,
    perRequest: { input: 2_500, write: 800, read: 9_000, output: 1_200 },
  },
];

// Thursday's deploy moved a timestamp into the chat system prompt, so the
// cached prefix never matched again: every read became a fresh input.
function tokensOn(day: string, site: string, base: Tokens, fixed: boolean): Tokens {
  const broken = !fixed && site === "chat" && days.indexOf(day) >= days.indexOf("Thu");
  if (!broken) return base;
  return { input: base.input + base.read, write: 0, read: 0, output: base.output };
}

function weekOf(fixed: boolean) {
  return days.flatMap((day) =>
    sites.map(({ site, model, requests, perRequest }) => {
      const t = tokensOn(day, site, perRequest, fixed);
      const usage = {
        input_tokens: t.input * requests,
        cache_creation_input_tokens: t.write * requests,
        cache_read_input_tokens: t.read * requests,
        output_tokens: t.output * requests,
      };
      return { day, site, model, requests, usage };
    }),
  );
}

/** The billing export: one record a day per call site. */
export const records = weekOf(false);

// Price every record, term by term.
function priceWeek(week: typeof records) {
  return week.map((r) => ({ ...r, bill: costBreakdown(r.usage, r.model) }));
}
const priced = priceWeek(records);

function dailyOf(week: ReturnType<typeof priceWeek>) {
  return days.map((day) => ({
    day,
    cost: sumUsd(week.filter((r) => r.day === day).map((r) => r.bill.cost)),
  }));
}

/** USD per day. */
export const daily = dailyOf(priced);
export const weekTotal = sumUsd(daily.map((d) => d.cost));
export const spikeDay = daily.reduce((a, b) => (b.cost > a.cost ? b : a)).day;

/** Each term of a day (call site × input, cache write, read, output), largest first. */
export function termsOn(day: string) {
  return priced
    .filter((r) => r.day === day)
    .flatMap((r) =>
      (Object.keys(r.bill.terms) as CostTermName[]).map((term) => ({
        site: r.site,
        term,
        cost: r.bill.terms[term].cost,
      })),
    )
    .sort((a, b) => b.cost - a.cost);
}

// The leak: the single largest term on the spike day.
export const biggest = termsOn(spikeDay)[0]!;
export const biggestCost = biggest.cost;

// The same week with the timestamp moved after the cache breakpoint.
export const fixedDaily = dailyOf(priceWeek(weekOf(true)));

console.table(termsOn(spikeDay).slice(0, 4));
