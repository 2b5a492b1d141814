import { useState, type ReactElement, type SyntheticEvent } from "react";
import { isLeaf, leafText, numberText, previewText, tableOf } from "../../src/notebook/present";
import type { Shown } from "../../src/notebook/shown";

/** Rows a table shows before saying how many more there are. */
const MAX_TABLE_ROWS = 100;
/** Entries an expanded object or array lists before summing up the rest. */
const MAX_LISTED = 200;

interface ValueViewProps {
  value: Shown;
  /** Expanded at first: the top level of an export, say. */
  open?: boolean;
  /** Console strings read as text, without quotes. */
  bare?: boolean;
}

/** A value from the sandbox: leaves inline, rows as a table, the rest expandable. */
export function ValueView({ value, open = false, bare = false }: ValueViewProps): ReactElement {
  if (bare && value.kind === "string") return <span className="v-text">{value.value}</span>;
  if (isLeaf(value)) return <Leaf value={value} />;
  if (tableOf(value)) return <RowsTable value={value} open={open} />;
  return <Tree value={value} open={open} />;
}

/**
 * Whether a <details> has been opened, so its children are built only once
 * the reader opens it: a big value that stays closed costs one summary line.
 */
function useOpened(open: boolean): [boolean, (event: SyntheticEvent<HTMLDetailsElement>) => void] {
  const [opened, setOpened] = useState(open);
  const onToggle = (event: SyntheticEvent<HTMLDetailsElement>): void => {
    if (event.currentTarget.open) setOpened(true);
  };
  return [opened, onToggle];
}

function Tree({ value, open }: { value: Shown; open: boolean }): ReactElement {
  const [opened, onToggle] = useOpened(open);
  return (
    <details className="v-tree" open={open} onToggle={onToggle}>
      <summary>{previewText(value)}</summary>
      {opened ? (
        <ul>
          {childrenOf(value)
            .slice(0, MAX_LISTED)
            .map(([label, child], index) => (
              <li key={index}>
                <span className="v-key">{label}</span>: <ValueView value={child} />
              </li>
            ))}
          {omittedOf(value) > 0 ? <li className="v-more">… {omittedOf(value)} more</li> : null}
        </ul>
      ) : null}
    </details>
  );
}

function Leaf({ value }: { value: Shown }): ReactElement {
  // Rounded for reading; the exact number is a hover away.
  const exact =
    value.kind === "number" && numberText(value.value) !== String(value.value)
      ? `exactly ${value.value}`
      : undefined;
  return (
    <span className={`v-leaf v-${value.kind}`} title={exact}>
      {leafText(value)}
    </span>
  );
}

function childrenOf(value: Shown): [string, Shown][] {
  switch (value.kind) {
    case "array":
    case "set":
      return value.items.map((item, index) => [String(index), item]);
    case "object":
      return value.entries;
    case "map":
      return value.entries.map(([key, item]) => [previewText(key, 30), item]);
    default:
      return [];
  }
}

function omittedOf(value: Shown): number {
  const listed = Math.min(childrenOf(value).length, MAX_LISTED);
  switch (value.kind) {
    case "array":
      return value.length - listed;
    case "set":
      return value.size - listed;
    case "map":
      return value.size - listed;
    case "object":
      return value.omitted + value.entries.length - listed;
    default:
      return 0;
  }
}

function RowsTable({ value, open }: { value: Shown; open: boolean }): ReactElement | null {
  const [opened, onToggle] = useOpened(open);
  const table = tableOf(value);
  if (!table) return null;
  const rows = table.rows.slice(0, MAX_TABLE_ROWS);
  const more = table.rows.length - rows.length + table.omitted;
  return (
    <details className="v-tree v-table" open={open} onToggle={onToggle}>
      <summary>{previewText(value, 40)}</summary>
      {opened ? <TableBody table={table} rows={rows} more={more} /> : null}
    </details>
  );
}

function TableBody({
  table,
  rows,
  more,
}: {
  table: NonNullable<ReturnType<typeof tableOf>>;
  rows: (Shown | undefined)[][];
  more: number;
}): ReactElement {
  return (
    <>
      <div className="v-table-scroll">
        <table>
          <thead>
            <tr>
              <th scope="col">#</th>
              {table.columns.map((column) => (
                <th scope="col" key={column}>
                  {column}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row, index) => (
              <tr key={index}>
                <th scope="row" className="num">
                  {index}
                </th>
                {row.map((cell, column) => (
                  <td key={column} className={isNumeric(cell) ? "num" : undefined}>
                    {cell ? <ValueView value={cell} /> : null}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {more > 0 ? <p className="v-more">… {more} more rows</p> : null}
    </>
  );
}

function isNumeric(cell: Shown | undefined): boolean {
  return cell?.kind === "number" || cell?.kind === "bigint";
}
