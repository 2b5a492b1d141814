// A per-tenant monthly budget: what has been spent (committed), what is
// set aside for calls still running (held), and the limit the two together
// may not pass. The ledger keeps exact nano-dollars; callers pass and get
// US dollars. The race simulator (race.ts) puts virtual time around it.

import { costOfNanos } from "./costOf";
import { checkObject, checkTokens, checkWhole, CostInputError } from "./errors";
import { formatUsd } from "./format";
import { getModel, type ModelRef } from "./models";
import { nanosFromUsd, usdFromNanos, type Nanos } from "./money";

/**
 * A call to a model as the simulated `llm.create` takes it. The prompt is
 * stood for by its size; `max_tokens` caps the output, as in the
 * provider's API.
 */
export interface LlmRequest {
  /** An Anthropic model from `models`, such as "claude-haiku-4.5". */
  readonly model: ModelRef;
  /** Prompt size in tokens. */
  readonly input_tokens: number;
  /** The most output tokens the call may produce. */
  readonly max_tokens: number;
  /**
   * Output tokens the simulated model will produce, at most `max_tokens`.
   * Left out, the simulator draws a seeded count up to `max_tokens`; set,
   * it pins the cost so a worked example comes out exact.
   */
  readonly output_tokens?: number;
}

/** Anthropic-shaped `usage` of a simulated response, in tokens. */
export interface LlmUsage {
  readonly input_tokens: number;
  readonly output_tokens: number;
  readonly cache_creation_input_tokens: number;
  readonly cache_read_input_tokens: number;
}

/** What `llm.create` resolves to: a Messages API response, trimmed. */
export interface LlmResponse {
  readonly model: ModelRef;
  readonly stop_reason: "end_turn" | "max_tokens";
  readonly usage: LlmUsage;
}

/** A reservation of budget for one call, from `reserve`. */
export interface Hold {
  /** Unique within one ledger, counting from 1. */
  readonly id: number;
  readonly tenantId: string;
  /** The amount set aside, in USD. */
  readonly usd: number;
}

/** One tenant's budget in USD at a moment. */
export interface Balance {
  /** USD the tenant may spend this month. */
  readonly limit: number;
  /** USD recorded as spent (by `add` and `commit`). */
  readonly committed: number;
  /** USD set aside by holds not yet committed or released. */
  readonly held: number;
  /** How many holds are open. */
  readonly holds: number;
}

/** One tenant's budget in exact nano-dollars. */
export interface BalanceNanos {
  readonly limit: Nanos;
  readonly committed: Nanos;
  readonly held: Nanos;
}

/** What a refused reservation would have done, in USD. */
export interface BudgetExceededDetails {
  readonly tenantId: string;
  readonly limit: number;
  readonly committed: number;
  readonly held: number;
  /** The amount the refused reservation asked for. */
  readonly requested: number;
}

/**
 * Thrown when spending would pass a tenant's limit: by `reserve`, or by a
 * reader's own guard (`throw new BudgetExceeded()`), so it takes no
 * arguments as well as full details.
 */
export class BudgetExceeded extends Error {
  readonly details: BudgetExceededDetails | undefined;

  constructor(details?: BudgetExceededDetails) {
    super("Budget exceeded");
    this.name = "BudgetExceeded";
    this.details = details;
    if (details === undefined) return;

    // Worded on first read: a burst can refuse thousands of reservations,
    // and few of their messages are ever shown.
    let message: string | undefined;
    Object.defineProperty(this, "message", {
      get: () => (message ??= exceededMessage(details)),
      configurable: true,
    });
  }
}

function exceededMessage(details: BudgetExceededDetails): string {
  const { tenantId, limit, committed, held, requested } = details;
  const total = committed + held + requested;
  return (
    `Budget exceeded for tenant "${tenantId}": reserving ` +
    `${formatUsd(requested)} on top of ${formatUsd(committed)} committed and ` +
    `${formatUsd(held)} held makes ${formatUsd(total)}, past the ` +
    `${formatUsd(limit)} limit`
  );
}

/** A USD amount ≥ 0 as nano-dollars, or a CostInputError naming `field`. */
function checkUsd(value: unknown, field: string): Nanos {
  if (typeof value === "number" && Number.isFinite(value) && value >= 0) {
    return nanosFromUsd(value, field);
  }
  throw new CostInputError(field, value, "an amount of US dollars ≥ 0");
}

/**
 * Checks a request's fields, returning a plain copy of them: the model
 * an Anthropic one from `models` (the simulated llm answers in the
 * Messages API's shape), token counts whole, pinned output within
 * `max_tokens`.
 */
export function checkRequest(value: unknown, field = "req"): LlmRequest {
  const fields = checkObject(
    value,
    field,
    "a request { model, input_tokens, max_tokens }",
  );
  const model = fields.model as ModelRef;
  const entry = getModel(model, `${field}.model`);
  if (entry.provider !== "anthropic") {
    throw new CostInputError(
      `${field}.model`,
      model,
      'an Anthropic model such as "claude-haiku-4.5"',
      "The simulated llm answers like Anthropic's Messages API.",
    );
  }
  const tokens = (name: string, max = Number.MAX_SAFE_INTEGER): number =>
    checkWhole(fields[name], `${field}.${name}`, {
      unit: "tokens",
      min: 0,
      max,
    });

  const input_tokens = tokens("input_tokens");
  const max_tokens = tokens("max_tokens");
  if (fields.output_tokens === undefined) {
    return { model, input_tokens, max_tokens };
  }
  const output_tokens = tokens("output_tokens", max_tokens);
  return { model, input_tokens, max_tokens, output_tokens };
}

/**
 * The most a request can cost in nano-dollars: its prompt plus
 * `max_tokens` of output, at the model's prices.
 */
export function maxCostOfNanos(req: LlmRequest): Nanos {
  const { model, input_tokens, max_tokens } = checkRequest(req);
  const usage = { input_tokens, output_tokens: max_tokens };
  return costOfNanos(usage, model);
}

/**
 * The most a request can cost in USD: its prompt plus `max_tokens` of
 * output. This is the estimate a reservation holds before the call.
 */
export function maxCostOf(req: LlmRequest): number {
  return usdFromNanos(maxCostOfNanos(req));
}

interface Account {
  limit: Nanos;
  committed: Nanos;
  held: Nanos;
  holds: number;
}

interface OpenHold {
  readonly hold: Hold;
  readonly nanos: Nanos;
}

/** A tenant's limit and what it had spent before, in USD. */
export interface TenantBudget {
  readonly limit: number;
  readonly spent?: number;
}

/**
 * Budgets of a set of tenants, kept in exact nano-dollars. Every method
 * runs to completion before another can start, so `reserve` is atomic:
 * the check and the hold are one step.
 */
export class BudgetLedger {
  readonly #accounts = new Map<string, Account>();
  readonly #open = new Map<number, OpenHold>();
  #nextHold = 1;

  /** `tenants` maps each tenant id to its limit and prior spend (USD). */
  constructor(tenants: Readonly<Record<string, TenantBudget>>) {
    for (const [tenantId, budget] of Object.entries(tenants)) {
      const field = `tenants.${tenantId}`;
      this.#accounts.set(tenantId, {
        limit: checkUsd(budget.limit, `${field}.limit`),
        committed: checkUsd(budget.spent ?? 0, `${field}.spent`),
        held: 0n,
        holds: 0,
      });
    }
  }

  /** USD committed this month by `tenantId`; holds are not counted. */
  getMonthlySpend(tenantId: string): number {
    return usdFromNanos(this.#account(tenantId).committed);
  }

  /** Records `usd` as spent by `tenantId`, whatever the limit says. */
  add(tenantId: string, usd: number): void {
    const account = this.#account(tenantId);
    account.committed += checkUsd(usd, "usd");
  }

  /**
   * Sets `usd` aside for `tenantId` and returns the hold, or throws
   * BudgetExceeded if committed plus held plus `usd` would be greater than
   * the limit. Reaching the limit exactly is allowed.
   */
  reserve(tenantId: string, usd: number): Hold {
    const account = this.#account(tenantId);
    const nanos = checkUsd(usd, "usd");
    if (account.committed + account.held + nanos > account.limit) {
      throw new BudgetExceeded({
        tenantId,
        limit: usdFromNanos(account.limit),
        committed: usdFromNanos(account.committed),
        held: usdFromNanos(account.held),
        requested: usdFromNanos(nanos),
      });
    }

    const hold = Object.freeze({ id: this.#nextHold++, tenantId, usd });
    account.held += nanos;
    account.holds += 1;
    this.#open.set(hold.id, { hold, nanos });
    return hold;
  }

  /**
   * Closes `hold` and records `usd`, the call's actual cost, as spent. The
   * actual cost may differ from the amount held, either way.
   */
  commit(hold: Hold, usd: number): void {
    const nanos = checkUsd(usd, "usd");
    const account = this.#close(hold, "commit");
    account.committed += nanos;
  }

  /** Closes `hold` without spending: the call failed or never ran. */
  release(hold: Hold): void {
    this.#close(hold, "release");
  }

  /** The tenant's budget in USD. */
  balance(tenantId: string): Balance {
    const account = this.#account(tenantId);
    return {
      limit: usdFromNanos(account.limit),
      committed: usdFromNanos(account.committed),
      held: usdFromNanos(account.held),
      holds: account.holds,
    };
  }

  /** The tenant's budget in exact nano-dollars. */
  balanceNanos(tenantId: string): BalanceNanos {
    const { limit, committed, held } = this.#account(tenantId);
    return { limit, committed, held };
  }

  /** Holds neither committed nor released yet, oldest first. */
  openHolds(): Hold[] {
    return [...this.#open.values()].map((open) => open.hold);
  }

  #account(tenantId: string): Account {
    const account = this.#accounts.get(tenantId);
    if (account) return account;
    const known = [...this.#accounts.keys()].map((id) => `"${id}"`);
    throw new CostInputError(
      "tenantId",
      tenantId,
      `a tenant with a budget: ${known.join(", ")}`,
    );
  }

  #close(hold: Hold, verb: "commit" | "release"): Account {
    const id = checkObject(hold, "hold", "a hold returned by reserve").id;
    const open = typeof id === "number" ? this.#open.get(id) : undefined;
    if (open === undefined) {
      throw new CostInputError(
        "hold",
        hold,
        "an open hold from reserve",
        `Cannot ${verb} hold ${String(id)}: it was already committed or ` +
          "released, and each hold closes once.",
      );
    }

    const account = this.#account(open.hold.tenantId);
    this.#open.delete(open.hold.id);
    account.held -= open.nanos;
    account.holds -= 1;
    return account;
  }
}
