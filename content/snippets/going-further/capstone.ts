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
function tokensOn(day: string, site: string, base: Tokens): Tokens {
  const broken = site === "chat" && days.indexOf(day) >= days.indexOf("Thu");
  if (!broken) return base;
  return { input: base.input + base.read, write: 0, read: 0, output: base.output };
}

export const records = days.flatMap((day) =>
  sites.map(({ site, model, requests, perRequest }) => {
    const t = tokensOn(day, site, perRequest);
    const usage = {
      input_tokens: t.input * requests,
      cache_creation_input_tokens: t.write * requests,
      cache_read_input_tokens: t.read * requests,
      output_tokens: t.output * requests,
    };
    return { day, site, model, requests, usage };
  }),
);

// Price every record, term by term.
const priced = records.map((r) => ({ ...r, bill: costBreakdown(r.usage, r.model) }));

export const daily = days.map((day) => ({
  day,
  cost: sumUsd(priced.filter((r) => r.day === day).map((r) => r.bill.cost)),
}));

const spike = daily.reduce((a, b) => (b.cost > a.cost ? b : a));
export const spikeDay = spike.day;

// The single largest term (site × input/cache/output) on the spike day.
const terms = priced
  .filter((r) => r.day === spikeDay)
  .flatMap((r) =>
    (Object.keys(r.bill.terms) as CostTermName[]).map((term) => ({
      site: r.site,
      term,
      cost: r.bill.terms[term].cost,
    })),
  );
export const biggest = terms.reduce((a, b) => (b.cost > a.cost ? b : a));
export const weekTotal = sumUsd(daily.map((d) => d.cost));
